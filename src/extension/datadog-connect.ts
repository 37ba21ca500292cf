// "Error Tracking: Connect to Datadog" and "Disconnect from Datadog": site quick pick, password
// boxes for the keys, keys in SecretStorage only (never settings, logs or messages).
import * as vscode from 'vscode';
import { connectDatadog, disconnectDatadog, type ConnectUi } from './datadog-connect-flow';
import { userDatadogSetting } from './datadog-settings-guard';
import { checkDatadogKeys, type CheckResult, type DatadogCredentials } from './datadog-keys';

export { readDatadogCredentials, API_KEY_SECRET, APP_KEY_SECRET } from './datadog-keys';
export type { DatadogCredentials } from './datadog-keys';

export interface DatadogConnectDeps {
  onConnected(credentials: DatadogCredentials): Promise<void>;
  onDisconnected(): Promise<void>;
  /** Checks a key pair; defaults to one Error Tracking search against the site (or the base URL). */
  check?(credentials: DatadogCredentials & { site: string }): Promise<CheckResult>;
}

const vscodeUi: ConnectUi = {
  async pickSite(sites) {
    const picked = await vscode.window.showQuickPick(
      sites.map((s) => ({ label: s.site, description: s.current ? 'current' : undefined })),
      { title: 'Connect to Datadog: site', placeHolder: 'The Datadog site your organization uses (the host of its web app)', ignoreFocusOut: true },
    );
    return picked?.label;
  },
  async inputKey(options) {
    return vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => options.validate(value),
    });
  },
  withProgress(title, task) {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task));
  },
  async error(message, ...buttons) {
    return vscode.window.showErrorMessage(message, ...buttons);
  },
  async info(message) {
    void vscode.window.showInformationMessage(message);
  },
};

export function registerDatadogCommands(context: vscode.ExtensionContext, deps: DatadogConnectDeps): vscode.Disposable[] {
  const settings = () => vscode.workspace.getConfiguration('errorTracking');
  const check =
    deps.check ??
    ((credentials: DatadogCredentials & { site: string }) =>
      checkDatadogKeys(credentials, { baseUrl: userDatadogSetting('baseUrl') || undefined }));
  return [
    vscode.commands.registerCommand('errorTracking.connectDatadog', () =>
      connectDatadog({
        secrets: context.secrets,
        ui: vscodeUi,
        // Only the user's own settings: a workspace value would pick where the keys are checked.
        currentSite: () => userDatadogSetting('site') || 'datadoghq.com',
        // The site is not a secret: it lives in the user's settings like any other choice.
        saveSite: async (site) => settings().update('datadog.site', site, vscode.ConfigurationTarget.Global),
        check,
        onConnected: deps.onConnected,
        onDisconnected: deps.onDisconnected,
      }),
    ),
    vscode.commands.registerCommand('errorTracking.disconnectDatadog', () =>
      disconnectDatadog({ secrets: context.secrets, ui: vscodeUi, onDisconnected: deps.onDisconnected }, process.env),
    ),
  ];
}
