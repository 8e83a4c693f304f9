/** Page objects for the signed-out flow: first-run set-up, MFA enrolment, sign-in with a code. */
import type { Page } from 'playwright-core';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async open(setupPath: string): Promise<void> {
    await this.page.goto(setupPath);
    await this.page.getByRole('heading', { name: 'Set up camnet' }).waitFor();
  }

  async createAdmin(a: { name: string; email: string; password: string }): Promise<void> {
    await this.page.getByLabel('Your name').fill(a.name);
    await this.page.getByLabel('Email').fill(a.email);
    await this.page.getByLabel('Password', { exact: true }).fill(a.password);
    await this.page.getByLabel('Password again').fill(a.password);
    await this.page.getByRole('button', { name: 'Create admin account' }).click();
  }
}

export class MfaEnrolPage {
  constructor(private readonly page: Page) {}

  async waitForQrCode(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    await this.page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  }

  /** The base32 secret behind the "type this key instead" disclosure. */
  async secret(): Promise<string> {
    await this.page.getByText("Can't scan? Type this key instead").click();
    return (await this.page.getByTestId('totp-secret').innerText()).trim();
  }

  async confirm(code: string): Promise<void> {
    await this.page.getByLabel('6-digit code from the app').fill(code);
    await this.page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await this.page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
  }

  async recoveryCodes(): Promise<string[]> {
    return this.page.getByRole('list', { name: 'Recovery codes' }).locator('code').allInnerTexts();
  }

  async finish(): Promise<void> {
    await this.page.getByLabel('I have saved my recovery codes').check();
    await this.page.getByRole('button', { name: 'Continue to camnet' }).click();
  }
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async enterCode(code: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    await this.page.getByLabel('Code from your app').fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }
}
