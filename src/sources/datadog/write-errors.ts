// How a refused change (state, assignee) is told: a 403 on a write means the application key can
// read but lacks the scope that writes, which Datadog names error_tracking_write.
import type { DatadogRequestError } from './errors';

export function writeFailure(action: string, failure: DatadogRequestError): string {
  if (failure.status === 403) {
    return `Could not ${action}: Datadog refused it (403). The application key needs the error_tracking_write permission to change issues; create a key with it (Organization Settings > Application Keys) and connect again.`;
  }
  if (failure.status === 401) return `Could not ${action}: the API or application key was rejected (401).`;
  return `Could not ${action}: ${failure.message}`;
}
