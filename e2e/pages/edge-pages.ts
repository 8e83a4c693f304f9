/** Page objects for the edge and recording pages: edge health, one camera (live tile, timeline, clips), retention receipts. */
import type { Page } from 'playwright-core';

/** The "Add a camera" form on the cameras page, with a stream URL (the local edge records it). */
export class RecordedCameraForm {
  constructor(private readonly page: Page) {}

  async add(c: { site: string; name: string; streamUrl: string; sharing: string; headingDeg: number }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add camera' }).first().click();
    const form = this.page.getByRole('form', { name: 'Add a camera' });
    await form.getByLabel('Site').selectOption({ label: c.site });
    await form.getByLabel('Camera name').fill(c.name);
    await form.getByLabel('Heading (degrees from north)').fill(String(c.headingDeg));
    await form.getByLabel('Sharing').selectOption({ label: c.sharing });
    await form.getByLabel('Stream URL').fill(c.streamUrl);
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Add camera' }).click();
    await this.page.getByRole('cell', { name: c.name, exact: true }).waitFor();
  }
}

export class EdgeHealthPage {
  constructor(private readonly page: Page) {}

  /** The edge's table row (desktop) or card (phone): whichever is shown. */
  row(edgeName: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByText(edgeName, { exact: true }) }).or(this.page.getByRole('article', { name: edgeName }));
  }

  async waitForLive(): Promise<void> {
    await this.page.getByText('Live updates on').waitFor();
  }

  /** Waits until the edge's row lists the camera with the given status word (the live channel updates it). */
  async waitForCamera(edgeName: string, camera: string, status: string, timeout = 60_000): Promise<void> {
    await this.row(edgeName).getByRole('listitem').filter({ hasText: camera }).filter({ hasText: status }).waitFor({ timeout });
  }

  async openCamera(edgeName: string, camera: string): Promise<void> {
    await this.row(edgeName).getByRole('link', { name: camera }).click();
  }
}

export class CameraDetailPage {
  constructor(private readonly page: Page) {}

  async waitForHeading(name: string): Promise<void> {
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }

  /** Until the live MJPEG <img> has decoded a picture. */
  async waitForLivePicture(timeout = 30_000): Promise<number> {
    const img = this.page.locator('figure[aria-label="Live view"] img');
    await img.waitFor({ timeout });
    await this.page.waitForFunction(() => ((document.querySelector('figure[aria-label="Live view"] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0, null, { timeout });
    return img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
  }

  async liveCaption(): Promise<string> {
    return (await this.page.locator('figure[aria-label="Live view"] figcaption').innerText()).trim();
  }

  async showLast(range: '24 hours' | '1 hour' | '10 minutes'): Promise<void> {
    await this.page.getByRole('group', { name: 'Show the last' }).getByRole('button', { name: range }).click();
  }

  /** Recorded milliseconds in the timeline's window, as the page computed them. */
  async recordedMs(): Promise<number> {
    const t = this.page.getByTestId('timeline-summary');
    await t.waitFor();
    return Number(await t.getAttribute('data-recorded-ms'));
  }

  /** Waits for a gap on the bar (the page refreshes it every 20 s), focuses it (its cause shows) and returns its label. */
  async focusFirstGap(timeout: number): Promise<string> {
    const gap = this.page.getByRole('group', { name: /^Recording timeline/ }).getByRole('img', { name: /^Not recorded/ }).first();
    await gap.waitFor({ timeout });
    await gap.focus();
    return (await gap.getAttribute('aria-label')) ?? '';
  }

  async timelineSummary(): Promise<string> {
    return (await this.page.getByTestId('timeline-summary').innerText()).trim();
  }

  /** Opens the form (default window: 25 s ago, 20 s long), gives the reason, sends it. */
  async requestClip(reason: string, opts: { lengthLabel?: string; caseNumber?: string } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Request a clip' }).click();
    const form = this.page.getByRole('form', { name: 'Request a clip' });
    if (opts.lengthLabel) await form.getByLabel('Length').selectOption({ label: opts.lengthLabel });
    if (opts.caseNumber) await form.getByLabel('Case number (optional)').fill(opts.caseNumber);
    await form.getByLabel('Why do you need this clip?').fill(reason);
    await form.getByRole('button', { name: 'Request clip' }).click();
    await this.page.getByRole('list', { name: 'Requested clips' }).getByRole('article').first().waitFor();
  }

  /** Waits for the newest clip to be checked (ready or mismatch); returns both hashes and the verdict text. */
  async waitForClip(timeout: number): Promise<{ status: string; edge: string; hub: string; verdict: string }> {
    const clip = this.page.getByRole('list', { name: 'Requested clips' }).getByRole('article').first();
    await clip.getByTestId('hash-verdict').or(clip.getByRole('alert')).first().waitFor({ timeout });
    const status = (await clip.getAttribute('data-status')) ?? '';
    if (status !== 'ready' && status !== 'mismatch') return { status, edge: '', hub: '', verdict: (await clip.innerText()).trim() };
    return {
      status,
      edge: (await clip.getByTestId('edge-sha256').innerText()).trim(),
      hub: (await clip.getByTestId('hub-sha256').innerText()).trim(),
      verdict: (await clip.getByTestId('hash-verdict').innerText()).trim(),
    };
  }

  /** The newest clip's <video> once it has loaded its metadata: duration in seconds and picture width. */
  async clipVideo(timeout = 20_000): Promise<{ duration: number; width: number }> {
    await this.page.waitForFunction(() => ((document.querySelector('.cd-clip video') as HTMLVideoElement | null)?.readyState ?? 0) >= 1, null, { timeout });
    return this.page.locator('.cd-clip video').first().evaluate((v) => ({ duration: (v as HTMLVideoElement).duration, width: (v as HTMLVideoElement).videoWidth }));
  }
}

export class RetentionPage {
  constructor(private readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Retention receipts', level: 1 }).waitFor();
    await this.page.getByText(/No deletions match|deletions?:/).first().waitFor();
  }

  async filterByCamera(name: string): Promise<void> {
    const form = this.page.getByRole('search', { name: 'Filter the receipts' });
    await form.getByLabel('Camera').selectOption({ label: name });
    await form.getByRole('button', { name: 'Apply filters' }).click();
  }
}
