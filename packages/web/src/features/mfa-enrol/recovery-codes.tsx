/** Shows the recovery codes once, with copy and download, and asks the person to confirm they kept them. */
import { useState } from 'react';

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`camnet recovery codes\n\n${text}\n`)}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="recovery">
      <p>
        If you lose your phone, each of these codes lets you sign in once. <strong>They are shown only now.</strong> Keep them
        somewhere safe, away from your phone.
      </p>
      <ul className="recovery__codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy codes'}
        </button>
        <a className="button button--secondary" href={download} download="camnet-recovery-codes.txt">
          Download as a file
        </a>
      </div>
      <label className="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved my recovery codes
      </label>
      <button type="button" className="button button--primary button--block" disabled={!saved} onClick={onDone}>
        Continue to camnet
      </button>
    </div>
  );
}
