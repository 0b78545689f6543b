// Pages that show progress (to-do, dashboard, follow-up, verification, approval) refresh by themselves
// while open (issue 14): every REFRESH_MS while the tab is visible, at once when it becomes visible
// again, and never while the user is typing (the refreshers are useApi's background `refresh`, which
// keeps an unchanged answer as it was, so nothing flickers and no form is refilled).
import { useEffect, useRef } from 'react';
import { REFRESH_MS } from '../logic/refreshInterval';

/** Whether keyboard focus is in a field: a refresh then waits for the next tick. */
function editing(): boolean {
  const active = document.activeElement as HTMLElement | null;
  if (!active) return false;
  return active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName);
}

export function useAutoRefresh(...refreshers: (() => void)[]): void {
  const latest = useRef(refreshers);
  latest.current = refreshers;
  useEffect(() => {
    const run = () => {
      if (document.visibilityState !== 'visible' || editing()) return;
      for (const refresh of latest.current) refresh();
    };
    const timer = window.setInterval(run, REFRESH_MS);
    const onVisibility = () => {
      if (document.visibilityState === 'visible') run();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}
