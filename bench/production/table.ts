/** The production benches' table: figure | measured | goal | floor | met? (null: nothing to meet). */
export interface TableRow {
  figure: string;
  measured: string;
  goal: string;
  floor: string;
  met: boolean | null;
}

export function printTable(rows: TableRow[]): void {
  const widths = [70, 44, 14, 16, 5];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(['figure', 'measured', 'goal', 'floor', 'met?']));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line([r.figure, r.measured, r.goal, r.floor, r.met === null ? '' : r.met ? 'yes' : 'NO']));
}
