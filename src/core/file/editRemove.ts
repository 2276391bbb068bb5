/** Taking a key out of an entry: its own line(s) in a block map, `, key: value` in a flow map. */
import type { YAMLMap } from 'yaml';
import { endOf, lineStart, nextLine, range } from './editLayout';
import { plainPair, type State } from './editState';
import { EditError, type TextEdit } from './textEdit';

/** Edits removing `key` (and its value, and a comment on its last line) from `map`; none when it is not there. */
export function removeField(st: State, map: YAMLMap, key: string): TextEdit[] {
  const pair = plainPair(map, key);
  if (!pair) return [];
  const text = st.text;
  const keyStart = range(pair.key)[0];
  const valueEnd = pair.value ? endOf(pair.value) : range(pair.key)[1];
  if (map.flow) {
    const i = map.items.indexOf(pair);
    if (map.items.length === 1) return [{ offset: keyStart, length: valueEnd - keyStart, text: '' }];
    if (i > 0) {
      const prev = map.items[i - 1];
      const prevEnd = endOf(prev.value ?? prev.key);
      return [{ offset: prevEnd, length: valueEnd - prevEnd, text: '' }];
    }
    const nextStart = range(map.items[1].key)[0];
    return [{ offset: keyStart, length: nextStart - keyStart, text: '' }];
  }
  const start = lineStart(text, keyStart);
  // `- key: value` starts a list item: taking its line would take the item's dash with it.
  if (text.slice(start, keyStart).trim() !== '') throw new EditError(`'${key}' starts its list item; edit it by hand`);
  return [{ offset: start, length: nextLine(text, valueEnd) - start, text: '' }];
}
