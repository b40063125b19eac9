/**
 * The options of a filter's select over fixed values: first "any" (the empty value, no filter), then each value
 * under its label. `<select name="state"><ChoiceOptions any={t('…anyState')} values={STATES} label={(s) => t(…)} /></select>`.
 */
export function ChoiceOptions<T extends string>({
  any,
  values,
  label,
}: {
  any: string;
  values: readonly T[];
  label: (value: T) => string;
}) {
  return (
    <>
      <option value="">{any}</option>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}
