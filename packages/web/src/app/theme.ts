/** Dark by default for the operations roles, light for camera owners; a person's choice wins. */
import { useEffect, useState } from 'react';
import type { Role } from '../api/types.ts';

export type Theme = 'dark' | 'light';
const KEY = 'camnet.theme';

export function defaultTheme(role: Role | undefined): Theme {
  return role === 'owner' || role === 'installer' ? 'light' : 'dark';
}

export function useTheme(role: Role | undefined): [Theme, (t: Theme) => void] {
  const [chosen, setChosen] = useState<Theme | null>(() => {
    const v = localStorage.getItem(KEY);
    return v === 'dark' || v === 'light' ? v : null;
  });
  const theme = chosen ?? defaultTheme(role);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const set = (t: Theme) => {
    localStorage.setItem(KEY, t);
    setChosen(t);
  };
  return [theme, set];
}
