/**
 * Everything Monaco: loaded only when the editor panel is first opened (a dynamic import),
 * so the site's first load carries none of it. Only the editor features the panel uses are
 * registered, which keeps the chunk well below the full bundle.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/codicon/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { FETCH_ITEMS, SEARCH_KEYS } from '../imap/keywords';
import { IMAP_LANGUAGE_ID, imapConfiguration, imapMonarch } from './imap-language';

(self as unknown as { MonacoEnvironment: { getWorker(): Worker } }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

let languageReady = false;

export function ensureImapLanguage(commands: string[]): void {
  if (languageReady) return;
  languageReady = true;
  monaco.languages.register({ id: IMAP_LANGUAGE_ID });
  monaco.languages.setMonarchTokensProvider(IMAP_LANGUAGE_ID, imapMonarch(commands));
  monaco.languages.setLanguageConfiguration(IMAP_LANGUAGE_ID, imapConfiguration);
  monaco.languages.registerCompletionItemProvider(IMAP_LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      const w = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, w.startColumn, position.lineNumber, w.endColumn);
      const K = monaco.languages.CompletionItemKind;
      const item = (label: string, kind: monaco.languages.CompletionItemKind, detail: string) => ({ label, kind, detail, insertText: label, range });
      return {
        suggestions: [
          ...commands.map((c) => item(c, K.Keyword, 'command')),
          ...FETCH_ITEMS.map((c) => item(c, K.Property, 'fetch item')),
          ...SEARCH_KEYS.map((c) => item(c, K.Value, 'search key')),
        ],
      };
    },
  });
}

export { monaco };
