/**
 * Durations in each SCORM version's own syntax. Both round to hundredths of a second, the finest either
 * version stores.
 *   SCORM 1.2 CMITimespan:        HHHH:MM:SS.SS   (hours 2-4 digits; we always write 4)
 *   SCORM 2004 timeinterval:      PT#H#M#S        (ISO 8601, seconds with up to 2 decimals)
 */

const MAX_CENTIS_12 = (9999 * 3600 + 59 * 60 + 59) * 100 + 99;

function centiseconds(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) return 0;
  return Math.round(ms / 10);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `0000:01:02.50`; longer than 9999 hours is written as the largest value the format holds. */
export function scorm12Timespan(ms: number): string {
  const total = Math.min(centiseconds(ms), MAX_CENTIS_12);
  const hours = Math.floor(total / 360_000);
  const minutes = Math.floor((total % 360_000) / 6000);
  const seconds = Math.floor((total % 6000) / 100);
  const centis = total % 100;
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(centis, 2)}`;
}

/** `PT1H2M3.5S`; zero parts are left out, and no time at all is `PT0S`. */
export function iso8601Duration(ms: number): string {
  const total = centiseconds(ms);
  const hours = Math.floor(total / 360_000);
  const minutes = Math.floor((total % 360_000) / 6000);
  const centis = total % 6000;
  const seconds = centis % 100 === 0 ? String(centis / 100) : (centis / 100).toFixed(2).replace(/0$/, '');
  const parts = `${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${centis > 0 ? `${seconds}S` : ''}`;
  return `PT${parts || '0S'}`;
}
