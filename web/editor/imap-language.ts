import type { languages } from 'monaco-editor/editor';
import { FETCH_ITEMS, SEARCH_KEYS, IMSP_COMMANDS } from '../imap/keywords';

/**
 * A Monarch grammar for IMAP command scripts: one command per line, an optional tag, `#`
 * comments (never sent), and the usual IMAP atoms — flags, sequence sets, strings, literals.
 */

export const IMAP_LANGUAGE_ID = 'imap-script';

export function imapMonarch(commands: string[]): languages.IMonarchLanguage {
  return {
    ignoreCase: true,
    defaultToken: '',
    commands: [...new Set([...commands, ...IMSP_COMMANDS, 'UID', 'DONE'])],
    fetchItems: FETCH_ITEMS.map((f) => f.replace(/\[$/, '')),
    searchKeys: [...SEARCH_KEYS],
    tokenizer: {
      root: [
        [/^\s*#.*$/, 'comment'],
        [/~?\{\d+\+?\}/, 'number.hex'],
        [/"/, { token: 'string.quote', next: '@string' }],
        [/\\[A-Za-z*]+/, 'type'],
        [/\$[A-Za-z]+/, 'type'],
        [/(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*(?=[\s)]|$)/, 'number'],
        [/\[[^\]]*\]/, 'attribute.value'],
        [/<\d+(\.\d+)?>/, 'attribute.value'],
        [
          /[A-Za-z][\w.+-]*/,
          {
            cases: {
              '@commands': 'keyword',
              '@fetchItems': 'attribute.name',
              '@searchKeys': 'predefined',
              '@default': 'identifier',
            },
          },
        ],
        [/[()]/, '@brackets'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, { token: 'string.quote', next: '@pop' }],
      ],
    },
  };
}

export const imapConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
};
