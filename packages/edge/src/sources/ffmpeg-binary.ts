import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';
// Optional fallback, not a dependency: `npm install -w @camnet/edge @ffmpeg-installer/linux-x64`.
const INSTALLER_PACKAGE = '@ffmpeg-installer/linux-x64';

/** The ffmpeg to run: the configured path, else Debian's /usr/bin/ffmpeg, else @ffmpeg-installer's binary. */
export function resolveFfmpegPath(configured: string | null = null, exists: (p: string) => boolean = existsSync): string {
  if (configured) return configured;
  if (exists(DEBIAN_FFMPEG)) return DEBIAN_FFMPEG;
  const bundled = installerBinary();
  if (bundled && exists(bundled)) return bundled;
  throw new Error(`no ffmpeg found: install Debian's ffmpeg, set ffmpegPath, or npm install ${INSTALLER_PACKAGE}`);
}

function installerBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve(`${INSTALLER_PACKAGE}/package.json`)), 'ffmpeg');
  } catch {
    return null;
  }
}
