// Just enough XML reading to check office parts without a parser: streamed text is cut only
// before a "<" (which never occurs inside a well-formed tag or entity), tags are matched with their
// quoted attribute values (which may hold ">"), and values are read with entities decoded, since
// office programs decode them (`Ext&#101;rnal` is `External`).

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// No "<" inside a tag (well-formed XML has none), so a failed match stops at the next tag: linear time.
const TAG = /<([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export interface Tag {
  /** The element name without its namespace prefix. */
  local: string;
  /** Attribute values by name without prefix, entities decoded. */
  attributes: Map<string, string>;
}

/** The start tags in a piece of XML, in order. */
export function* startTags(xml: string): Generator<Tag> {
  for (const m of xml.matchAll(TAG)) {
    const attributes = new Map<string, string>();
    for (const a of m[2].matchAll(ATTRIBUTE))
      attributes.set(a[1].replace(/^.*:/, ''), decodeEntities(a[2] ?? a[3] ?? ''));
    yield { local: m[1].replace(/^.*:/, ''), attributes };
  }
}

/** No office program writes a tag or a run of text this long; such a part is refused. */
const MAX_PIECE = 8 * 1024 * 1024;

/** Turns chunks of a streamed part into pieces that never split a tag or an entity. */
export class XmlPieces {
  private pending: string[] = [];
  private pendingLength = 0;

  /** The next whole piece (maybe empty), or null when the part runs on too long without a "<". */
  push(chunk: string): string | null {
    const cut = chunk.lastIndexOf('<');
    if (cut < 0) {
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
      return this.pendingLength > MAX_PIECE ? null : '';
    }
    const piece = this.pending.join('') + chunk.slice(0, cut);
    this.pending = [chunk.slice(cut)];
    this.pendingLength = chunk.length - cut;
    return piece;
  }

  end(): string {
    const rest = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return rest;
  }
}
