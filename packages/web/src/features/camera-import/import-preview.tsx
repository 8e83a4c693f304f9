/** The dry-run answer: how many lines are good, each bad line with its problem, and the confirm button. */
import type { ImportResult } from '../../api/types.ts';

export function ImportPreview({ result, busy, onConfirm }: { result: ImportResult; busy: boolean; onConfirm: () => void }) {
  const ok = result.errors.length === 0;
  return (
    <div className="panel" aria-live="polite">
      <h2>3. {ok ? 'Import' : 'Fix these lines'}</h2>
      {ok ? (
        <p>
          All {result.rows} lines are correct. <strong>{result.rows} cameras</strong> will be added.
        </p>
      ) : (
        <>
          <p>
            {result.errors.length} of {result.rows} lines have problems. Fix them in the file and check it again; nothing is
            imported until every line is correct.
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Problems by line</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Problem</th>
                  <th scope="col">Code</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={`${e.line}-${i}`}>
                    <td className="num">{e.line}</td>
                    <td>{e.message}</td>
                    <td>
                      <code>{e.id}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {ok && (
        <button type="button" className="button button--primary" disabled={busy} onClick={onConfirm}>
          {busy ? 'Importing…' : `Import ${result.rows} cameras`}
        </button>
      )}
    </div>
  );
}
