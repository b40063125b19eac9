import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareTsv, registerNamesCommand } from '../cli/commands/names.js';

async function run(args: string[]): Promise<string> {
  const program = new Command('chronicle').exitOverride();
  registerNamesCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('chronicle names compare (DESIGN §7 contract)', () => {
  it('prints one JSON line with score, match and why', async () => {
    const out = await run(['names', 'compare', 'Ринат Гайнуллин', 'Rinat Gaynullin']);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['score', 'match', 'why']);
    expect(json.match).toBe(true);
    expect(typeof json.score).toBe('number');
    expect(typeof json.why).toBe('string');
  });
  it('rejects a wrong number of names with a USAGE error', async () => {
    await expect(run(['names', 'compare', 'only one'])).rejects.toMatchObject({ code: 'USAGE' });
  });
  it('prints score<TAB>true|false per TSV line, in order, even for malformed lines', () => {
    const out = compareTsv('Ринат Гайнуллин\tRinat Gainullin\nno tab here\nВалентин Котов\tВалентина Котова\r\n');
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^0\.\d+\ttrue$|^1\ttrue$/);
    expect(lines[1]).toBe('0\tfalse');
    expect(lines[2]).toMatch(/^[\d.]+\tfalse$/);
  });
  it('prints 0<TAB>false for a TSV line whose name has no letters', () => {
    expect(compareTsv('☺☺ ☺☺☺\t★ ★★★\n12\t345\nРинат Гайнуллин\t...\n')).toBe('0\tfalse\n0\tfalse\n0\tfalse\n');
  });
  it('rejects a letterless name with a USAGE error', async () => {
    await expect(run(['names', 'compare', '☺☺ ☺☺☺', '★ ★★★'])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run(['names', 'compare', '', ''])).rejects.toMatchObject({ code: 'USAGE' });
  });
});
