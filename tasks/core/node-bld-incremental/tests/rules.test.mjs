import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b, fatal, ok, same } from './helpers.mjs';

describe('rules and resolution (SPEC 4)', () => {
  it('syntax errors', async () => {
    await fatal([], { Buildfile: 'a: b\n  : x\n' }, 'Buildfile:2: rule without a target');
    await fatal([], { Buildfile: '# c\nhello world\n' }, 'Buildfile:2: expected a rule or an assignment');
    await fatal([], { Buildfile: '\techo hi\n' }, 'Buildfile:1: recipe without a rule');
    await fatal([], { Buildfile: 'a:\n\twrite a 1\nX = 1\n\twrite a 2\n' }, 'Buildfile:4: recipe without a rule');
    await fatal([], { Buildfile: 'a:\n.PHONY: a\n\techo\n' }, 'Buildfile:3: recipe without a rule');
    await fatal([], { Buildfile: 'a% b%: x\n' }, 'Buildfile:1: a pattern rule must have exactly one target');
    await fatal([], { Buildfile: '%a%: x\n' }, "Buildfile:1: bad pattern '%a%'");
  });

  it('a second recipe for a target', async () => {
    await fatal([], { Buildfile: 'a:\n\twrite a 1\nb a:\n\n\twrite $@ 2\n' }, "Buildfile:5: target 'a' already has a recipe (line 2)");
    await fatal([], { Buildfile: 'include x.bld\na:\n\twrite a 2\n', 'x.bld': 'y = 1\na:\n\twrite a 1\n' }, "Buildfile:3: target 'a' already has a recipe (x.bld:3)");
  });

  it('several targets share a recipe; several rules merge prerequisites', async () => {
    const bf = '.PHONY: all\nall: x y\nx y: p\n\t@echo $@ from $^\n\t@write $@ 1\nx: q p r\np q r:\n\t@write $@ $@\n';
    const r = await same([], { Buildfile: bf });
    assert.equal(r.stdout, 'x from p q r\ny from p\n');
  });

  it('default goal skips .PHONY lines and pattern rules; no targets', async () => {
    const r = await ok([], { Buildfile: '.PHONY: clean\n%.o: %.c\n\tcopy $< $@\nX = 1\nfirst: second\n\twrite $@ 1\nsecond:\n\twrite $@ 2\n' });
    assert.equal(r.stdout, 'write second 2\nwrite first 1\n');
    await fatal([], { Buildfile: '# nothing\nX = 1\n%.o: %.c\n\tcopy $< $@\n.PHONY: a\n' }, 'no targets');
    await fatal([], { Buildfile: '' }, 'no targets');
  });

  it('no rule to make', async () => {
    await fatal([], { Buildfile: 'a: b\n\tfail\n' }, "no rule to make 'b' (needed by 'a')");
    await fatal(['zz'], { Buildfile: 'a:\n\tfail\n' }, "no rule to make 'zz'");
    await fatal(['a'], { Buildfile: 'a: b c\n\tfail\nb: d\n\tfail\nc: e\n\tfail\n' }, "no rule to make 'd' (needed by 'b')");
  });

  it('a phony name needs no rule; sources are files', async () => {
    const r = await b(['-j', '3', 'all', 'src.txt'], { Buildfile: '.PHONY: all\n', 'src.txt': 'x' });
    assert.equal(r.stdout, "bld: nothing to be done for 'all'.\nbld: nothing to be done for 'src.txt'.\n");
    assert.equal(r.status, 0);
  });

  it('pattern rules: the stem is never empty', async () => {
    const files = { Buildfile: 'all: x.o .o\n\t@echo $^\n%.o: %.c\n\t@echo stem=$*\n\tcopy $< $@\n.o:\n\twrite $@ plain\n', 'x.c': 'X', '.c': 'empty' };
    const r = await same([], files);
    assert.equal(r.files['.o'], 'plain\n');
    assert.equal(r.files['x.o'], 'X');
    await fatal(['.o'], { Buildfile: '%.o: %.c\n\tcopy $< $@\n', '.c': 'c' }, "no rule to make '.o'");
  });

  it('pattern rules: the first one that applies wins', async () => {
    const bf = 'a.out: | gen.y\n%.out: %.x\n\t@echo x-rule\n\twrite $@ x\n%.out: %.y\n\t@echo y-rule $<\n\twrite $@ y\n%.out: %.z\n\t@echo z-rule\n\twrite $@ z\ngen.y:\n\twrite gen.y 1\n';
    let r = await ok([], { Buildfile: bf, 'a.y': 'y', 'a.z': 'z' });
    assert.equal(r.stdout, 'write gen.y 1\ny-rule a.y\nwrite a.out y\n');
    r = await ok([], { Buildfile: bf, 'a.z': 'z', 'a.x': 'x', 'a.y': 'y' });
    assert.equal(r.stdout, 'write gen.y 1\nx-rule\nwrite a.out x\n');
  });

  it('pattern rules: prerequisites may be targets or phony; patterns do not chain', async () => {
    const bf = '.PHONY: p\nall.txt: a.b\n\tcopy $< $@\n%.b: %.m p\n\t@echo via $^\n\twrite $@ b\na.m:\n\twrite a.m m\n%.m: %.src\n\tcopy $< $@\n';
    const r = await same([], { Buildfile: bf });
    assert.equal(r.stdout, 'write a.m m\nvia a.m p\nwrite a.b b\ncopy a.b all.txt\n');
    await fatal([], { Buildfile: 'all: a.b\n\tfail\n%.b: %.m\n\tcopy $< $@\n%.m: %.src\n\tcopy $< $@\n', 'a.src': 's' }, "no rule to make 'a.b' (needed by 'all')");
  });

  it('an explicit rule without a recipe takes a pattern recipe, its prerequisites after its own', async () => {
    const bf = 'main.o: defs.h\n%.o: %.c %.h\n\t@echo $< + $^ [$*]\n\tconcat $@ $^\n';
    const r = await ok(['main.o'], { Buildfile: bf, 'main.c': 'c;', 'main.h': 'h;', 'defs.h': 'd;' });
    assert.equal(r.stdout, 'defs.h + defs.h main.c main.h [main]\nconcat main.o defs.h main.c main.h\n');
    assert.equal(r.files['main.o'], 'd;c;h;');
  });

  it('a phony target does not take a pattern recipe', async () => {
    const r = await ok(['x.o'], { Buildfile: '.PHONY: x.o\nx.o: x.c\n%.o: %.c\n\tcopy $< $@\n', 'x.c': 'c' });
    assert.equal(r.stdout, "bld: nothing to be done for 'x.o'.\n");
  });

  it('a pattern rule with % in several places of a prerequisite', async () => {
    const r = await ok(['lib_a.o'], { Buildfile: 'lib_%.o: %/%.c\n\tcopy $< $@\n', 'a/a.c': 'AA' });
    assert.equal(r.files['lib_a.o'], 'AA');
  });

  it('prerequisites are expanded when the rule is read', async () => {
    const bf = 'D = x\nall: $(D)\n\t@echo $^ $(D)\nD = y\nx y:\n\twrite $@ 1\n';
    const r = await ok([], { Buildfile: bf.replace('all:', '.PHONY: all\nall:') });
    assert.equal(r.stdout, 'write x 1\nx y\n');
  });
});

describe('include (R24)', () => {
  it('includes files in place, -include skips missing ones', async () => {
    const files = {
      Buildfile: '.PHONY: all\nA = 1\ninclude $(INC) two.bld\n-include nope.bld\nall: $(OBJ)\n\t@echo $(A) $(B) $^\n',
      'one.bld': 'B = from-one\nA += one\n',
      'two.bld': 'OBJ = o1\no1:\n\twrite o1 x\n',
    };
    const r = await ok(['INC=one.bld', 'all'], files);
    assert.equal(r.stdout, 'write o1 x\n1 one from-one o1\n');
  });

  it('an included rule can be the default goal', async () => {
    const r = await ok([], { Buildfile: 'include r.bld\nlater:\n\twrite later 1\n', 'r.bld': 'early:\n\twrite early 1\n' });
    assert.equal(r.stdout, 'write early 1\n');
  });

  it('errors: missing file, cycle, location inside an included file', async () => {
    await fatal([], { Buildfile: 'X = 1\ninclude a.bld b.bld\n', 'a.bld': '' }, "Buildfile:2: cannot include 'b.bld'");
    await fatal([], { Buildfile: 'include a.bld\n', 'a.bld': '\ninclude b.bld\n', 'b.bld': 'include a.bld\n' }, "b.bld:1: include cycle: 'a.bld'");
    await fatal([], { Buildfile: 'include Buildfile\n' }, "Buildfile:1: include cycle: 'Buildfile'");
    await fatal([], { Buildfile: 'include c.bld\n', 'c.bld': 'A = 1\n\n$(A)\n' }, 'c.bld:3: expected a rule or an assignment');
  });

  it('an include line ends the rule before it', async () => {
    await fatal([], { Buildfile: 'a:\ninclude e.bld\n\twrite a 1\n', 'e.bld': '' }, 'Buildfile:3: recipe without a rule');
  });
});

describe('order-only prerequisites (R25)', () => {
  it('made first, but not in $< $^', async () => {
    const bf = 'out: in | dir tool\n\t@echo [$<] [$^]\n\tcopy in out\ndir:\n\twrite dir d\ntool:\n\twrite tool t\n';
    const r = await ok([], { Buildfile: bf, in: 'i' });
    assert.equal(r.stdout, 'write dir d\nwrite tool t\n[in] [in]\ncopy in out\n');
  });

  it('a name that is both kinds is normal; merging across rules', async () => {
    const bf = '.PHONY: all\nall: a | b c\nall: | c d b\nall: c\n\t@echo [$^]\na b c d:\n\t@write $@ 1\n';
    const r = await ok([], { Buildfile: bf });
    assert.equal(r.stdout, '[a c]\n');
  });
});
