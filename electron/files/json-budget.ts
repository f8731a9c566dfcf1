// A budget on the arrays and objects of outside JSON, counted before JSON.parse. Millions of
// tiny containers (`[[],[],…]`, 3 bytes each) make V8's parse thrash at the worker's heap
// limit, where terminate() no longer returns and the process can abort (nodejs/node#47224).
// Measured here in a worker with a 256 MB heap: 4 M `[]` parse in 0.9 s; 8 M take 7.5 s and
// abort the whole process when terminated; 33 M (a 100 KB package) never end. A real file
// has about 20 per table (the seed tables: 970 for 52), so the budget leaves wide room.
export const MAX_JSON_CONTAINERS = 2_000_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BRACKET = 0x5b;
const BRACE = 0x7b;

/** Whether `text` holds more than `max` arrays and objects outside its strings (counting stops there). */
export function tooManyContainers(text: string, max = MAX_JSON_CONTAINERS): boolean {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if ((c === BRACKET || c === BRACE) && ++n > max) return true;
  }
  return false;
}

/** The refusal's words, the same for every kind of file. */
export const TOO_MANY_CONTAINERS = `结构过于复杂（数组和对象超过 ${MAX_JSON_CONTAINERS / 10_000} 万个），可能是损坏或恶意构造的文件，未读取`;
