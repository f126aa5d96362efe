import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type TextSize = 'normal' | 'large' | 'larger';

export interface Preferences {
  textSize: TextSize;
  highContrast: boolean;
}

interface PreferencesValue extends Preferences {
  setTextSize: (s: TextSize) => void;
  setHighContrast: (v: boolean) => void;
}

const KEY = 'chiso.prefs';

function load(): Preferences {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) {
      const p = JSON.parse(raw) as Partial<Preferences>;
      return {
        textSize: p.textSize === 'large' || p.textSize === 'larger' ? p.textSize : 'normal',
        highContrast: p.highContrast === true,
      };
    }
  } catch {
    /* ignore */
  }
  return { textSize: 'normal', highContrast: false };
}

const Ctx = createContext<PreferencesValue | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [prefs, setPrefs] = useState<Preferences>(load);
  const save = useCallback((next: Preferences) => {
    setPrefs(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      /* ignore */
    }
  }, []);
  const value = useMemo<PreferencesValue>(
    () => ({
      ...prefs,
      setTextSize: (textSize) => save({ ...prefs, textSize }),
      setHighContrast: (highContrast) => save({ ...prefs, highContrast }),
    }),
    [prefs, save],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePreferences(): PreferencesValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('PreferencesProvider missing');
  return v;
}

export const FONT_SIZES: Record<TextSize, number> = { normal: 14, large: 16, larger: 18 };
