/** Keyboard shortcuts for the incident page (ignored while typing in a field). */
import { useEffect, useRef } from 'react';

export interface IncidentShortcuts {
  next?: () => void;
  previous?: () => void;
  pick?: (index: number) => void;
  replay?: () => void;
  bolo?: () => void;
  nextIncident?: () => void;
  previousIncident?: () => void;
}

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** n/→ next camera, p/← previous, 1–9 pick, r replay, b BOLO, j/k next/previous incident. */
export function useIncidentShortcuts(actions: IncidentShortcuts): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const a = ref.current;
      const map: Record<string, (() => void) | undefined> = {
        n: a.next, ArrowRight: a.next, p: a.previous, ArrowLeft: a.previous, r: a.replay, b: a.bolo, j: a.nextIncident, k: a.previousIncident,
      };
      const f = map[e.key] ?? (/^[1-9]$/.test(e.key) && a.pick ? () => a.pick!(Number(e.key) - 1) : undefined);
      if (!f) return;
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
