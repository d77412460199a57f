// libphonenumber's regular expressions on the JavaScript engine's RegExp: the
// JavaScript half of regexp_adapter_js.cc (read its header first). Linked into
// every WebAssembly program that links libphonenumber (--js-library, from the
// wasm dependency prefix's CMake file).
//
// RE2 syntax as libphonenumber writes it is JavaScript syntax with the u flag
// (\p{Nd}, code points rather than UTF-16 units), except for a leading "(?i)",
// which becomes the i flag. Each pattern is kept as text until a call needs it
// in a given way (find, anchored at the start, whole input; with or without
// group offsets), then compiled once for that way.

mergeInto(LibraryManager.library, {
  $verjiRegExp: {
    last: 0,
    entries: [], // id -> {text, flags, ways: [RegExp or null per way]}
    // The last input, decoded: libphonenumber matches one string against many
    // patterns in a row (a number against each type's pattern), so the bytes
    // are compared with the last ones and decoded only when they differ.
    bytes: null, // a copy of the input's bytes (a Uint8Array)
    text: '',
    at: null, // where each UTF-16 unit of text starts in the bytes; null when all are ASCII
  },

  // Makes verjiRegExp.text and .at the UTF-8 bytes [ptr, ptr + length).
  // Never reads past the end; a byte that does not start a well-formed
  // sequence reads as U+FFFD on its own.
  $verjiRegExpInput__deps: ['$verjiRegExp', '$verjiRegExpString'],
  $verjiRegExpInput: function(ptr, length) {
    var bytes = HEAPU8;
    var last = verjiRegExp.bytes;
    var i = 0;
    if (last && last.length == length) {
      while (i < length && bytes[ptr + i] == last[i]) i++;
      if (i == length) return;
    }
    var end = ptr + length;
    verjiRegExp.bytes = bytes.slice(ptr, end);
    var ascii = true;
    for (i = ptr; i < end; i++) {
      if (bytes[i] > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      verjiRegExp.at = null;
      verjiRegExp.text = verjiRegExpString(verjiRegExp.bytes);
      return;
    }
    var units = [];
    var at = [];
    var follows = function(k) {
      return k < end && (bytes[k] & 0xc0) == 0x80;
    };
    for (i = ptr; i < end;) {
      var b = bytes[i];
      var cp = 0xfffd;
      var n = 1;
      if (b < 0x80) {
        cp = b;
      } else if (b >= 0xc2 && b < 0xe0 && follows(i + 1)) {
        cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        n = 2;
      } else if (b >= 0xe0 && b < 0xf0 && follows(i + 1) && follows(i + 2)) {
        cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        n = 3;
        if (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000)) {
          cp = 0xfffd;
          n = 1;
        }
      } else if (b >= 0xf0 && b < 0xf5 && follows(i + 1) && follows(i + 2) && follows(i + 3)) {
        cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) |
             ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
        n = 4;
        if (cp < 0x10000 || cp > 0x10ffff) {
          cp = 0xfffd;
          n = 1;
        }
      }
      at.push(i - ptr);
      if (cp > 0xffff) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10));
        at.push(i - ptr); // the low half: never a match boundary under the u flag
        cp = 0xdc00 + (cp & 0x3ff);
      }
      units.push(cp);
      i += n;
    }
    at.push(length);
    verjiRegExp.at = at;
    verjiRegExp.text = verjiRegExpString(units);
  },

  // A string of the UTF-16 units in `units` (an array or a typed array).
  $verjiRegExpString: function(units) {
    var text = '';
    for (var i = 0; i < units.length; i += 4096) {
      text += String.fromCharCode.apply(null, units.slice(i, i + 4096));
    }
    return text;
  },

  verji_regexp_new__deps: ['$verjiRegExp', '$verjiRegExpInput'],
  verji_regexp_new: function(ptr, length) {
    verjiRegExpInput(ptr, length);
    var text = verjiRegExp.text;
    var flags = 'u';
    if (text.slice(0, 4) == '(?i)') {
      text = text.slice(4);
      flags = 'iu';
    }
    var id = ++verjiRegExp.last;
    verjiRegExp.entries[id] = {text: text, flags: flags, ways: []};
    return id;
  },

  verji_regexp_delete__deps: ['$verjiRegExp'],
  verji_regexp_delete: function(id) {
    verjiRegExp.entries[id] = undefined;
  },

  verji_regexp_exec__deps: ['$verjiRegExp', '$verjiRegExpInput'],
  verji_regexp_exec: function(id, mode, ptr, length, start, offsets, groups) {
    var entry = verjiRegExp.entries[id];
    if (!entry) return -2;
    var way = mode * 2 + (groups > 0 ? 1 : 0);
    var re = entry.ways[way];
    if (re === undefined) {
      try {
        // mode 0: find from lastIndex (g); 1: only at lastIndex (y); 2: only
        // from lastIndex to the end. d gives the groups' offsets.
        re = new RegExp(mode == 2 ? '(?:' + entry.text + ')$' : entry.text,
                        entry.flags + (mode == 0 ? 'g' : 'y') + (groups > 0 ? 'd' : ''));
      } catch (e) {
        err('libphonenumber: a pattern the engine rejects matches nothing: ' + e.message);
        re = null;
      }
      entry.ways[way] = re;
    }
    if (!re) return -2;
    verjiRegExpInput(ptr, length);
    var text = verjiRegExp.text;
    var at = verjiRegExp.at;
    var from = at ? at.indexOf(start) : start;
    if (from < 0 || from > text.length) return -1;
    re.lastIndex = from;
    if (!offsets) return re.test(text) ? 0 : -1; // a yes or no is all that is asked
    var m = re.exec(text);
    if (!m) return -1;
    var out = offsets >> 2;
    var begin = m.index;
    var finish = begin + m[0].length;
    HEAP32[out] = at ? at[begin] : begin;
    HEAP32[out + 1] = at ? at[finish] : finish;
    var count = m.length - 1;
    var indices = m['indices']; // by name: Closure may not know the d flag's property
    for (var g = 1; g <= groups && g <= count; g++) {
      var span = indices[g];
      HEAP32[out + 2 * g] = span ? (at ? at[span[0]] : span[0]) : -1;
      HEAP32[out + 2 * g + 1] = span ? (at ? at[span[1]] : span[1]) : -1;
    }
    return count;
  },
});
