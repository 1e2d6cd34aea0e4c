import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { echoes, fatal, same } from './helpers.mjs';

const S = 'E :=\nS := $(E) $(E)\n';
const show = (v) => `[$(subst $(S),_,$(${v}))]`;
const t = (prelude, recipe) => `${prelude}\n.PHONY: t\nt:\n\t@echo ${recipe}\n`;

describe('variables (SPEC 3)', () => {
  it('= is expanded at use, := at the assignment', async () => {
    const out = await echoes('A = x\nR = $(A)\nI := $(A)\nA = y\n', ['$(R) $(I)']);
    assert.deepEqual(out, ['y x']);
  });

  it('an assignment line may contain a colon', async () => {
    const out = await echoes('U = http://host:80/\nV:=a:b\n', ['$(U) $(V)']);
    assert.deepEqual(out, ['http://host:80/ a:b']);
  });

  it('?= assigns only when undefined; an empty value counts as defined', async () => {
    const out = await echoes('E2 =\nE2 ?= set\nN ?= new\nN ?= again\n', ['[$(E2)] [$(N)]']);
    assert.deepEqual(out, ['[] [new]']);
  });

  it('+= keeps the flavor: a simple variable expands the added text at once', async () => {
    const out = await echoes('B = one\nA := $(B)\nA += $(B)\nR = $(B)\nR += $(B)\nB = two\n', ['$(A) / $(R)']);
    assert.deepEqual(out, ['one one / two two']);
  });

  it('+= with $$ on a simple variable', async () => {
    const out = await echoes('A := a\nA += $$$$x\n', ["'$(A)'"]);
    assert.deepEqual(out, ['a $$x']);
  });

  it('+= adds no space next to an empty part, and acts like = when undefined', async () => {
    const out = await echoes(`${S}A =\nA += x\nB = y\nB +=\nC += $(Z)\nZ = z\n`, [show('A'), show('B'), show('C')]);
    assert.deepEqual(out, ['[x]', '[y]', '[z]']);
  });

  it('command-line variables override every assignment, += and ?= included', async () => {
    const bf = t('X = file\nX += more\nX ?= q\nX := again\nY = $(X)\n', '$(X) $(Y)');
    const r = await same(['X=cli', 't'], { Buildfile: bf });
    assert.equal(r.stdout, 'cli cli\n');
  });

  it('a command-line value is not expanded', async () => {
    const bf = t('A = no\n', "'$(V)'");
    const r = await same(['V=$(A)', 't'], { Buildfile: bf });
    assert.equal(r.stdout, '$(A)\n');
  });

  it('undefined variables, $$, braces and computed names', async () => {
    const out = await echoes('N = 2\nV_2 = two\nK = V\n', ["'[$(NOPE)]' '$$' ${V_2} $(V_$(N)) $($(K)_$(N))"]);
    assert.deepEqual(out, ['[] $ two two two']);
  });

  it('nested brackets of the same kind', async () => {
    const out = await echoes('A_1 = (x)\nN = 1\nX = cab\n', ['${A_${N}}', '$(subst a,b,$(subst c,a,$(X)))', '${subst a,{b},$(X)}']);
    assert.deepEqual(out, ['(x)', 'bbb', 'c{b}b']);
  });

  it('automatic variables in recipes, empty elsewhere', async () => {
    const bf = 'W := [$@]\nall: b a b | c\n\t@echo $@ $< $^ $(@) ${<} [$*] $(W)\na b c:\n\t@write $@ x\n';
    const r = await same([], { Buildfile: bf.replace('all:', '.PHONY: all\nall:') });
    assert.equal(r.stdout, 'all b b a all b [] []\n');
  });

  it('errors: bad reference, unterminated, bad name', async () => {
    await fatal([], { Buildfile: 'all:\n\t@echo $x\n' }, "Buildfile:2: bad variable reference '$x'");
    await fatal([], { Buildfile: 'A = 1\nB := a$\n' }, "Buildfile:2: bad variable reference '$'");
    await fatal([], { Buildfile: 'A := $(B\n' }, 'Buildfile:1: unterminated variable reference');
    await fatal([], { Buildfile: 'x: $(a b)\n' }, "Buildfile:1: bad variable name 'a b'");
    await fatal([], { Buildfile: '\n\nall:\n\t@echo ${  }\n' }, "Buildfile:4: bad variable name ''");
  });

  it('self-reference, direct and indirect', async () => {
    await fatal([], { Buildfile: 'A = $(A) x\nall: $(A)\n' }, "Buildfile:2: recursive variable 'A' references itself");
    await fatal([], { Buildfile: 'A = $(B)\nB = $(C)\nC = $(A)\nX := $(B)\n' }, "Buildfile:4: recursive variable 'B' references itself");
    const ok = await echoes('A = x\nA := $(A) y\n', ['$(A)']);
    assert.deepEqual(ok, ['x y']);
  });

  it('an error in a recipe is located at the recipe line', async () => {
    await fatal([], { Buildfile: 'A = $(A)\n.PHONY: all\nall:\n\t@echo ok\n\t@echo $(A)\n' }, "Buildfile:5: recursive variable 'A' references itself");
  });
});

describe('functions (SPEC 3, R20)', () => {
  it('subst, patsubst, sort, words, strip', async () => {
    const out = await echoes('L = b.c  a.c b.c x.h\n', [
      '$(subst .c,.o,$(L))',
      '$(subst ,X,ab)',
      '$(patsubst %.c,obj/%.o,$(L))',
      '$(patsubst  %.c , % ,a.c)',
      '$(patsubst x.h,y,$(L))',
      '$(patsubst %,%%,a b)',
      '$(sort $(L) B a.c)',
      '$(words $(L))',
      "'[$(strip   a   b  )]'",
    ]);
    assert.deepEqual(out, ['b.o a.o b.o x.h', 'ab', 'obj/b.o obj/a.o obj/b.o x.h', 'a', 'b.c a.c b.c y', 'a% b%', 'B a.c b.c x.h', '4', '[a b]']);
  });

  it('filter, filter-out, firstword, addprefix, addsuffix', async () => {
    const out = await echoes('L = a.c b.h c.c d\n', [
      '$(filter %.c d,$(L))',
      '$(filter-out %.c d,$(L))',
      '[$(firstword $(L))] [$(firstword )]',
      '$(addprefix src/,$(L))',
      '$(addsuffix .bak,$(L))',
    ]);
    assert.deepEqual(out, ['a.c c.c d', 'b.h', '[a.c] []', 'src/a.c src/b.h src/c.c src/d', 'a.c.bak b.h.bak c.c.bak d.bak']);
  });

  it('dir, notdir, suffix, basename', async () => {
    const out = await echoes('L = src/a.c b x/y.z/w .rc a.b.c\n', ['$(dir $(L))', '$(notdir $(L))', '$(suffix $(L))', '$(basename $(L))']);
    assert.deepEqual(out, ['src/ ./ x/y.z/ ./ ./', 'a.c b w .rc a.b.c', '.c .rc .c', 'src/a b x/y.z/w  a.b'].map((s) => s.replace(/ +/g, ' ')));
  });

  it('if expands only the chosen branch', async () => {
    const out = await echoes('A = $(A)\nY = yes\n', ['$(if $(Y),[$(Y)],$(A))', '[$(if  ,$(A))]', '$(if $(E),$(A),no)', '$(if x,1,2)']);
    assert.deepEqual(out, ['[yes]', '[]', 'no', '1']);
  });

  it('foreach binds a temporary variable', async () => {
    const out = await echoes('x = outer\nL = a b c\n', ['$(foreach x,$(L),<$(x)>)', '$(x)', '[$(foreach y,,z)]', '$(foreach v,1 2,$(foreach w,a b,$(v)$(w)))']);
    assert.deepEqual(out, ['<a> <b> <c>', 'outer', '[]', '1a 1b 2a 2b']);
  });

  it('a function name needs a blank after it', async () => {
    const out = await echoes('sort = var\n', ['$(sort)', '$(sort b a)']);
    assert.deepEqual(out, ['var', 'a b']);
  });

  it('arity errors', async () => {
    await fatal([], { Buildfile: 'X := $(subst a,b)\n' }, "Buildfile:1: function 'subst' takes 3 arguments");
    await fatal([], { Buildfile: 'X := $(words a,b)\n' }, "Buildfile:1: function 'words' takes 1 argument");
    await fatal([], { Buildfile: 'X := $(if a)\n' }, "Buildfile:1: function 'if' takes 2 or 3 arguments");
    await fatal([], { Buildfile: 'X = 1\nY := $(filter-out a,b,c)\n' }, "Buildfile:2: function 'filter-out' takes 2 arguments");
  });

  it('commas inside nested references do not split', async () => {
    const out = await echoes('C = ,\n', ['$(subst $(C),;,a$(C)b)', '$(patsubst %,$(subst a,b,a)%,x y)']);
    assert.deepEqual(out, ['a;b', 'bx by']);
  });
});
