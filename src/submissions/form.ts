/** Turns the registration form's fields (repeated names for lists) into the shape validation expects. */
export function formToInput(body: Record<string, unknown>): Record<string, unknown> {
  const list = (v: unknown): string[] =>
    Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)];
  const names = list(body.indicatorName);
  const values = list(body.indicatorValue);
  const units = list(body.indicatorUnit);
  const indicators = names
    .map((name, i) => ({ name, value: values[i] ?? '', unit: units[i] ?? '', kindCode: '' }))
    .filter((i) => i.name.trim() !== '' || String(i.value).trim() !== '' || i.unit.trim() !== '');
  const {
    indicatorName: _n,
    indicatorValue: _v,
    indicatorUnit: _u,
    _csrf,
    _page,
    intent: _i,
    version: _ver,
    checkedSimilar: _c,
    ...rest
  } = body;
  return { ...rest, movementCodes: list(body.movementCodes), indicators, publishConsent: body.publishConsent === 'on' };
}
