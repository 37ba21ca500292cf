// errorTracking.datadog.site and .baseUrl decide which host receives the Datadog keys, so only
// the user's own settings (user, or the remote machine's) may set them: a repository's
// .vscode/settings.json must not send the keys elsewhere. The manifest scopes them
// application/machine; this also filters what the server pulls, whatever editor runs it.

import * as vscode from 'vscode';

export type UserOnlyKey = 'site' | 'baseUrl';
const USER_ONLY_KEYS: UserOnlyKey[] = ['site', 'baseUrl'];

/** The value from the user's own settings, or the default; never a workspace or folder value. */
export function userDatadogSetting(key: UserOnlyKey): string | undefined {
  const inspected = vscode.workspace.getConfiguration('errorTracking').inspect<string>(`datadog.${key}`);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The user-only settings a workspace or folder tries to set, named as in settings.json. */
export function workspaceDatadogOverrides(scope?: vscode.Uri): string[] {
  const configuration = vscode.workspace.getConfiguration('errorTracking', scope);
  return USER_ONLY_KEYS.filter((key) => {
    const inspected = configuration.inspect(`datadog.${key}`);
    return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  }).map((key) => `errorTracking.datadog.${key}`);
}

const warned = new Set<string>();

/** Warns once per window and setting that a workspace value is ignored. */
export function warnAboutWorkspaceOverrides(output: vscode.LogOutputChannel, scope?: vscode.Uri): void {
  const fresh = workspaceDatadogOverrides(scope).filter((name) => !warned.has(name));
  if (fresh.length === 0) return;
  for (const name of fresh) warned.add(name);
  const message = `This workspace sets ${fresh.join(' and ')}: ignored. Where the Datadog keys go is chosen in your user settings only.`;
  output.warn(message);
  void vscode.window.showWarningMessage(message);
}

/**
 * Middleware for the server's workspace/configuration pull: in every "errorTracking" section
 * returned, the site and base URL are replaced by the user's own values.
 */
export function userOnlyDatadogSettings<R>(
  params: { items: { section?: string; scopeUri?: string }[] },
  result: R,
  output: vscode.LogOutputChannel,
): R {
  if (!Array.isArray(result)) return result;
  const user = { site: userDatadogSetting('site'), baseUrl: userDatadogSetting('baseUrl') };
  return result.map((value, index) => {
    const item = params.items[index];
    const scope = item?.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
    switch (item?.section) {
      case 'errorTracking': {
        warnAboutWorkspaceOverrides(output, scope);
        const root = isObject(value) ? value : {};
        return { ...root, datadog: { ...(isObject(root.datadog) ? root.datadog : {}), ...user } };
      }
      case 'errorTracking.datadog':
        warnAboutWorkspaceOverrides(output, scope);
        return { ...(isObject(value) ? value : {}), ...user };
      case 'errorTracking.datadog.site':
        return user.site;
      case 'errorTracking.datadog.baseUrl':
        return user.baseUrl;
      default:
        return value;
    }
  }) as R;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
