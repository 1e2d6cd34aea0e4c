// The state file (SPEC.md section 6.3): what bld knows about earlier builds.
export const STATE_FILE = '.bld-state';

export class BuildState {
  constructor(records = new Map(), warning = null) {
    this.records = records; // target -> { inputs, output }
    this.warning = warning;
  }

  static load(fsys) {
    const text = fsys.read(STATE_FILE);
    if (text === null) return new BuildState();
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return new BuildState(new Map(), 'ignoring invalid state file');
    }
    if (!data || typeof data !== 'object' || data.version !== 1 || !data.targets || typeof data.targets !== 'object') {
      return new BuildState(new Map(), 'ignoring invalid state file');
    }
    const records = new Map();
    for (const [name, rec] of Object.entries(data.targets)) {
      if (rec && typeof rec.inputs === 'string' && typeof rec.output === 'string') {
        records.set(name, { inputs: rec.inputs, output: rec.output });
      }
    }
    return new BuildState(records);
  }

  get(name) {
    return this.records.get(name);
  }

  set(name, inputs, output) {
    this.records.set(name, { inputs, output });
  }

  delete(name) {
    this.records.delete(name);
  }

  serialize() {
    const targets = {};
    for (const name of this.records.keys()) {
      const r = this.records.get(name);
      targets[name] = { inputs: r.inputs, output: r.output };
    }
    return JSON.stringify({ version: 1, targets }, null, 2) + '\n';
  }

  save(fsys) {
    fsys.write(STATE_FILE, this.serialize());
  }
}
