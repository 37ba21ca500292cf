// The only file that imports the Datadog client. It imports the configuration, ErrorTrackingApi,
// LogsApi and UsersApi from their own modules rather than the package root, which halves the bundle.
import { createConfiguration } from '@datadog/datadog-api-client/dist/packages/datadog-api-client-common/configuration';
import { BaseServerConfiguration } from '@datadog/datadog-api-client/dist/packages/datadog-api-client-common/servers';
import { ErrorTrackingApi } from '@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/apis/ErrorTrackingApi';
import { LogsApi } from '@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/apis/LogsApi';
import { UsersApi } from '@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/apis/UsersApi';
import { createHttpLibrary } from './http';

export interface DatadogClientOptions {
  apiKey: string;
  appKey: string;
  /** Full API base URL, e.g. https://api.datadoghq.eu or http://127.0.0.1:8125. */
  baseUrl: string;
  timeoutMs: number;
  signal: AbortSignal;
  fetch?: typeof fetch;
}

export interface DatadogClient {
  errorTracking: ErrorTrackingApi;
  logs: LogsApi;
  /** Only for "assign to me": who the application key belongs to. */
  users: UsersApi;
}

export function createDatadogClient(options: DatadogClientOptions): DatadogClient {
  // Everything is passed explicitly: with both keys given, createConfiguration never reads
  // DD_API_KEY / DD_APP_KEY, and with a baseServer the global server DD_SITE rewrites is unused.
  const configuration = createConfiguration({
    baseServer: new BaseServerConfiguration(options.baseUrl, {}),
    authMethods: { apiKeyAuth: options.apiKey, appKeyAuth: options.appKey },
    httpApi: createHttpLibrary({ timeoutMs: options.timeoutMs, signal: options.signal, fetch: options.fetch }),
    enableRetry: false, // retry.ts retries, so rate limits and back-off show in the status
  });
  return { errorTracking: new ErrorTrackingApi(configuration), logs: new LogsApi(configuration), users: new UsersApi(configuration) };
}
