import { ImportError, parseMapFile, PROBLEM_CODES, type Problem } from '@ketenkaart/shared';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { problemText } from '../src/i18n/problemText';
import { en } from '../src/i18n/en';
import { nl } from '../src/i18n/nl';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: 'nl',
  interpolation: { escapeValue: false },
  initAsync: false,
});

function problemsOf(text: string): readonly Problem[] {
  try {
    parseMapFile(text);
  } catch (error) {
    if (error instanceof ImportError) return error.problems;
  }
  throw new Error('accepted');
}

describe('import problems in the UI language', () => {
  it('[CL-I3] every problem code has a Dutch and an English text', () => {
    for (const code of PROBLEM_CODES) {
      expect(nl.importProblem[code], code).toBeTruthy();
      expect(en.importProblem[code], code).toBeTruthy();
    }
  });

  it('[CL-I3] problems are said in Dutch or English with their values, never the validator text', () => {
    const file = {
      format: 'ketenkaart',
      version: 1,
      title: 't',
      partners: [{ id: 'p', name: 'n'.repeat(201) }],
      steps: [{ id: 's', partner: 'uwv', x: 'links' }],
      flows: [],
    };
    const problems = problemsOf(JSON.stringify(file));
    const say = (language: string) =>
      problems.map((p) => `${p.path} ${problemText(i18n.getFixedT(language), language, p)}`);
    expect(say('nl')).toEqual([
      '$.partners[0].name te lang: meer dan 200 tekens',
      '$.steps[0].label ontbreekt, maar is verplicht',
      '$.steps[0].x verkeerde soort waarde: hier hoort een getal',
      '$.steps[0].partner er is geen ketenpartner met id "uwv"',
    ]);
    expect(say('en')).toEqual([
      '$.partners[0].name too long: more than 200 characters',
      '$.steps[0].label is missing, but required',
      '$.steps[0].x wrong kind of value: expected a number',
      '$.steps[0].partner there is no partner with id "uwv"',
    ]);
  });

  it('[CL-I3] a file that is not JSON gets one clear sentence, not the parser message with its bytes', () => {
    const [problem] = problemsOf('\u0089PNG\r\n\u001a\n\u0000\u0000 IHDR');
    const text = problemText(i18n.getFixedT('nl'), 'nl', problem!);
    expect(text).toBe('Dit is geen JSON-bestand. Kies een .json-bestand in het ketenkaart-formaat.');
  });

  it('[CL-I3] a large limit is written the language’s way; an unknown code keeps the message', () => {
    const [big] = problemsOf(
      JSON.stringify({
        format: 'ketenkaart',
        version: 1,
        title: 't',
        partners: [],
        steps: [{ id: 's', partner: 'p', label: '', x: 5e6 }],
        flows: [],
      }),
    );
    expect(problemText(i18n.getFixedT('nl'), 'nl', big!)).toBe('buiten het bereik van -1.000.000 tot 1.000.000');
    const odd = { path: '$', code: 'fromTheFuture', message: 'something new' } as unknown as Problem;
    expect(problemText(i18n.getFixedT('en'), 'en', odd)).toBe('something new');
  });
});
