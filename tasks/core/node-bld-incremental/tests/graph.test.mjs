import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fatal, ok, same } from './helpers.mjs';

describe('graph and cycles (R31-R33)', () => {
  it('a cycle is listed from the node reached again, not from the goal', async () => {
    const bf = 'all: pre\npre: a\na: b\nb: c\nc: a\n';
    await fatal([], { Buildfile: bf }, 'dependency cycle: a -> b -> c -> a');
  });

  it('a self-dependency', async () => {
    await fatal([], { Buildfile: 'all: x\nx: y x\ny:\n\twrite y 1\n' }, 'dependency cycle: x -> x');
  });

  it('the first cycle the walk closes, in prerequisite order', async () => {
    const bf = 'top: m n\nm: k\nk: m\nn: p\np: n\n';
    await fatal([], { Buildfile: bf }, 'dependency cycle: m -> k -> m');
    await fatal(['n', 'top'], { Buildfile: bf }, 'dependency cycle: n -> p -> n');
  });

  it('a cycle through an order-only prerequisite, with a path before it', async () => {
    const bf = 'g: s1\ns1: s2\ns2: q\nq: | r\nr: t\nt: q\n';
    await fatal([], { Buildfile: bf }, 'dependency cycle: q -> r -> t -> q');
  });

  it('a cycle reached through a pattern rule', async () => {
    const bf = 'all: a.o\n%.o: %.c\n\tcopy $< $@\na.c: all\n\twrite a.c 1\n';
    await fatal([], { Buildfile: bf }, 'dependency cycle: all -> a.o -> a.c -> all');
  });

  it('shared nodes are not cycles, and are made once', async () => {
    const bf = '.PHONY: all\nall: l r\nl: base\n\tconcat l base\nr: base\n\tconcat r base\nbase:\n\twrite base b\n';
    const r = await ok([], { Buildfile: bf });
    assert.equal(r.stdout, 'write base b\nconcat l base\nconcat r base\n');
  });

  it('build order is the postorder of the walk', async () => {
    const bf = '.PHONY: all\nall: z y\nz: m a\n\t@write $@ z\ny: a\n\t@write $@ y\nm: a\n\t@write $@ m\na:\n\t@write $@ a\n';
    const r = await same(['--timeline'], { Buildfile: bf });
    assert.equal(r.stdout, 'bld: timeline\n0 0 a\n0 0 m\n0 0 z\n0 0 y\n');
  });
});
