import { assert } from '../assert.js';
import { XML_DEPTH_MAX } from './limits.js';
import { XML_TEXT_CHARS_MAX } from './xml-limits.js';

// Module-local copies: the builder runs per element, and an imported binding is read through
// the module record on every access.
const DEPTH_MAX = XML_DEPTH_MAX;
const TEXT_CHARS_MAX = XML_TEXT_CHARS_MAX;

/**
 * Builds element values in the shape xml-node.ts reads: an element without attributes or
 * children is its text (a string, '' when empty); otherwise an object with one key per child
 * name (an array once a name repeats), `@_name` per attribute and `#text` for non-empty text.
 * The camt reader builds one Ntry at a time with it and the statement skeleton around them;
 * no tree of the whole file is ever held.
 */

interface XmlFrame {
  name: string;
  children: Record<string, unknown> | undefined;
  text: string;
}

export class XmlTreeBuilder {
  private readonly frames: XmlFrame[] = [];
  private open = 0;

  get openCount(): number {
    return this.open;
  }

  /** Opens an element; `attributes` is name, value, name, value… and is copied. */
  openElement(name: string, attributes: readonly string[]): void {
    assert(this.open < DEPTH_MAX, 'the scanner bounds the depth');
    let frame = this.frames[this.open];
    if (frame === undefined) {
      frame = { name, children: undefined, text: '' };
      this.frames.push(frame);
    } else {
      frame.name = name;
      frame.children = undefined;
      frame.text = '';
    }
    this.open += 1;
    if (attributes.length === 0) return;
    const children: Record<string, unknown> = {};
    for (let index = 0; index + 1 < attributes.length; index += 2) {
      setOwn(children, `@_${attributes[index] ?? ''}`, attributes[index + 1]);
    }
    frame.children = children;
  }

  /** Appends text to the open element; false when its text would pass XML_TEXT_CHARS_MAX. */
  appendText(text: string): boolean {
    const frame = this.frames[this.open - 1];
    assert(frame !== undefined, 'text is appended inside an element');
    if (frame.text.length + text.length > TEXT_CHARS_MAX) return false;
    frame.text += text;
    return true;
  }

  /** Closes the open element and returns its value without attaching it anywhere. */
  closeElement(): unknown {
    assert(this.open > 0, 'an element is open');
    this.open -= 1;
    const frame = this.frames[this.open] as XmlFrame;
    const children = frame.children;
    frame.children = undefined;
    if (children === undefined) return frame.text;
    if (frame.text !== '') children['#text'] = frame.text;
    return children;
  }

  /** Closes the open element and adds it to its parent under its name. */
  closeIntoParent(): void {
    const name = (this.frames[this.open - 1] as XmlFrame).name;
    const value = this.closeElement();
    assert(this.open > 0, 'a parent is open');
    const parent = this.frames[this.open - 1] as XmlFrame;
    const children = (parent.children ??= {});
    if (!Object.hasOwn(children, name)) {
      if (name === '__proto__') setOwn(children, name, value);
      else children[name] = value;
      return;
    }
    const existing = children[name];
    if (Array.isArray(existing)) existing.push(value);
    else children[name] = [existing, value];
  }
}

/** Plain assignment, except for `__proto__`, which must stay an ordinary own key. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true });
  } else {
    target[key] = value;
  }
}
