/** Batch's "no limit": .NET's TimeSpan.MaxValue as ISO 8601 (`P10675199DT2H48M5.4775807S`). */
const unlimited = /^P10675199D/;

/** An ISO 8601 duration in words (`PT1H30M` → `1 h 30 min`); Batch's "no limit" value and a missing one → `none`. */
export function durationText(iso: string | undefined): string {
  if (!iso || unlimited.test(iso)) return 'none';
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!match) return iso;
  const [, d, h, m, s] = match;
  const parts = [d && `${Number(d)} d`, h && `${Number(h)} h`, m && `${Number(m)} min`, s && `${Number(s)} s`].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 s';
}
