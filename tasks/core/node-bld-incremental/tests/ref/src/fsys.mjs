// File systems bld can work on. Both expose the same small interface:
//   read(name)  -> string | null      (null when the file does not exist)
//   write(name, text)
//   remove(name)
//   exists(name) -> boolean
// Names are relative to the build directory and use '/' separators.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class MemoryFS {
  constructor(files = {}) {
    this.files = new Map();
    for (const [name, text] of Object.entries(files)) {
      if (typeof text !== 'string') throw new TypeError(`file '${name}' must be a string`);
      this.files.set(name, text);
    }
  }

  read(name) {
    return this.files.has(name) ? this.files.get(name) : null;
  }

  write(name, text) {
    this.files.set(name, text);
  }

  remove(name) {
    this.files.delete(name);
  }

  exists(name) {
    return this.files.has(name);
  }

  // A plain object of every file, names in sorted order.
  snapshot() {
    const out = {};
    for (const name of [...this.files.keys()].sort()) out[name] = this.files.get(name);
    return out;
  }
}

export class DiskFS {
  constructor(root) {
    this.root = root;
  }

  resolve(name) {
    return path.resolve(this.root, name);
  }

  read(name) {
    try {
      return fs.readFileSync(this.resolve(name), 'utf8');
    } catch {
      return null;
    }
  }

  write(name, text) {
    const full = this.resolve(name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }

  remove(name) {
    try {
      fs.unlinkSync(this.resolve(name));
    } catch {
      // already gone
    }
  }

  exists(name) {
    try {
      return fs.statSync(this.resolve(name)).isFile();
    } catch {
      return false;
    }
  }
}
