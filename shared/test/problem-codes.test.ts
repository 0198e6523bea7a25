import { describe, expect, it } from 'vitest';
import { ImportError, LIMITS, parseMapFile, PROBLEM_CODES, type Problem } from '../src/index.js';

/** The problems an input is refused with, as `path code params` lines. */
function problems(text: string): string[] {
  try {
    parseMapFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).problems.map(
      (p: Problem) => `${p.path} ${p.code}${p.params ? ` ${JSON.stringify(p.params)}` : ''}`,
    );
  }
  throw new Error('the input was accepted');
}

describe('problem codes', () => {
  it('[SH-J11] every schema, reference and hostile-key problem has its stable code and params', () => {
    const file = {
      format: 'x',
      version: 2,
      title: 5,
      partners: [
        { id: '', name: '', color: 'red' },
        { id: 'p', name: 'n'.repeat(LIMITS.nameChars + 1) },
        { id: 'p', name: 'P' },
      ],
      steps: [
        { id: 's1', partner: 'zz', label: 'x', x: 'left', kind: 'weird' },
        { id: 's2', partner: 'p', x: LIMITS.coordinate * 2 },
      ],
      flows: [{ id: 'f', from: 's1', to: 's9' }],
    };
    expect(problems(JSON.stringify(file))).toEqual([
      '$.format badFormat',
      '$.version badVersion {"expected":"1"}',
      '$.title wrongType {"expected":"string"}',
      '$.partners[0].id empty',
      '$.partners[0].id badId',
      '$.partners[0].name empty',
      '$.partners[0].color badColor',
      `$.partners[1].name tooLong {"max":${LIMITS.nameChars}}`,
      '$.steps[0].kind badValue {"allowed":"start, activity, decision, register, end"}',
      '$.steps[0].x wrongType {"expected":"number"}',
      '$.steps[1].label required',
      `$.steps[1].x outOfRange {"max":${LIMITS.coordinate}}`,
      '$.partners[2].id duplicateId {"id":"p"}',
      '$.steps[0].partner unknownPartner {"id":"zz"}',
      '$.flows[0].to unknownStep {"id":"s9"}',
    ]);
  });

  it('[SH-J11] text that is not JSON, too large or hostile gets its own code', () => {
    expect(problems('\u0089PNG\r\n\u001a\n binary')).toEqual(['$ notJson']);
    expect(problems(' '.repeat(LIMITS.fileChars + 1))).toEqual([`$ fileTooLarge {"max":${LIMITS.fileChars}}`]);
    expect(problems(JSON.stringify({ a: 1 }).replace('"a"', '"__proto__"'))).toEqual([
      '$.__proto__ forbiddenKey {"key":"__proto__"}',
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(problems(JSON.stringify({ deep }))[0]).toMatch(/ tooDeep \{"max":32\}$/);
    expect(
      problems(JSON.stringify({ format: 'ketenkaart', version: 1, title: 't', partners: [], steps: [], flows: 1e9 })),
    ).toEqual(['$.flows wrongType {"expected":"array"}']);
  });

  it('[SH-J11] every problem keeps an English message, and every code is listed once', () => {
    try {
      parseMapFile(
        '{"format":"ketenkaart","version":1,"title":"t","partners":[{"id":"p","name":"P"}],"steps":[{"id":"s","partner":"q","label":""}],"flows":[]}',
      );
      expect.unreachable();
    } catch (error) {
      expect((error as ImportError).problems).toEqual([
        { path: '$.steps[0].partner', code: 'unknownPartner', message: 'no partner with id "q"', params: { id: 'q' } },
      ]);
    }
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
  });
});
