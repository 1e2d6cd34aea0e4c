"""Go, Rust and C grading against forged test output (Docker tests, real tasks, real images).

In-process tasks of these languages are graded with `judge_builds`: the judge (uid 1001) builds the
test binary from the hidden tests and the workspace, and runs it as the agent through agentrun; the
report is written by the judge from the binary's output. The agent's code still shares the test
process, so it can print forged PASS lines, exit early or narrow the test selection. Each attack here
is graded on the starter code (which fails the hidden tests) and must score 0: `tampered` (the
canaries), `missing_tests` (the inventory) or `build_failed` (a main() of the agent's, a refused
construct). CLI tasks converted to judge mode are graded on their reference too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.grading.inventory import load_inventory
from harness.task import Task, load_task
from tests.fixtures.grading import explain, grade_files

pytestmark = pytest.mark.docker

CORE = Path(__file__).resolve().parent.parent / "tasks" / "core"


def _task(name: str) -> Task:
    return load_task(CORE / name)


def _names(task: Task) -> list[str]:
    ids = load_inventory(task)
    assert ids, f"{task.spec.id} needs a tests.lock.json"
    return [i.rsplit("::", 1)[-1] for i in ids]


def _grade(
    client: Any, images: Any, task: Task, tmp: Path, extra: dict[str, str], solved: bool = False
) -> Any:
    """Grade the starter files (or the reference) plus `extra` files, the way a trial would."""
    return grade_files(client, images, task, tmp, extra, solved=solved, run="test-judge-compiled")


_explain = explain


def _scores_zero(g: Any, reasons: tuple[str, ...]) -> None:
    assert g.status == "fail", _explain(g)
    assert g.fail_reason in reasons, _explain(g)
    assert not g.score, _explain(g)


# -- C ---------------------------------------------------------------------------------------------


def _c_forger(names: list[str], scan: bool) -> str:
    """A constructor that prints tinytest's OK lines and exits before the runner starts; with `scan`,
    also for every canary name it finds in its own binary's memory."""
    lines = "".join(f'    printf("[  OK  ] {n} (0.000s)\\n");\n' for n in names)
    return f"""#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static void scan(void) {{
    FILE *m = fopen("/proc/self/maps", "r");
    char line[512];
    while (m && fgets(line, sizeof line, m)) {{
        unsigned long lo, hi;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3 || perms[0] != 'r') continue;
        if (!strstr(line, "harness-bin")) continue;
        const char *p = (const char *)lo, *end = (const char *)hi;
        while (p < end && (p = memmem(p, (size_t)(end - p), "harness_canary_", 15)) != NULL) {{
            size_t n = strnlen(p, (size_t)(end - p));
            if (n < 80 && strchr(p, '.') == NULL) printf("[  OK  ] %s (0.000s)\\n", p);
            p += n ? n : 1;
        }}
    }}
    if (m) fclose(m);
}}
__attribute__((constructor)) static void forge(void) {{
{lines}    if ({1 if scan else 0}) scan();
    printf("99 passed, 0 failed\\n");
    fflush(stdout);
    _exit(0);
}}
"""


def test_c_strong_main_fails_to_link(docker_client: Any, images: Any, tmp_path: Path) -> None:
    t = _task("c-ring-buffer")
    forged = "".join(f'    puts("[  OK  ] {n} (0.000s)");\n' for n in _names(t))
    main = f"#include <stdio.h>\nint main(void) {{\n{forged}    return 0;\n}}\n"
    g = _grade(docker_client, images, t, tmp_path, {"src/zz_main.c": main})
    _scores_zero(g, ("build_failed",))
    assert "multiple definition of `main'" in g.log_tail, _explain(g)


@pytest.mark.parametrize("scan", [False, True], ids=["known-names", "names-found-in-the-binary"])
def test_c_constructor_forging_ok_lines_is_caught(
    docker_client: Any, images: Any, tmp_path: Path, scan: bool
) -> None:
    t = _task("c-ring-buffer")
    g = _grade(docker_client, images, t, tmp_path, {"src/zz_forge.c": _c_forger(_names(t), scan)})
    # With the scan, the forger looks for canaries in its own binary; named like ordinary tests, they
    # give themselves away neither way, and the forged report is caught.
    _scores_zero(g, ("tampered",))


def test_c_shadow_headers_are_never_used(docker_client: Any, images: Any, tmp_path: Path) -> None:
    """A tinytest.h whose tests all pass, in every folder a quote-include or -I searches: the hidden
    tests include the real one by its absolute path, so the starter code still fails."""
    t = _task("c-ring-buffer")
    fake = """#ifndef TINYTEST_FAKE_H
#define TINYTEST_FAKE_H
#include <stdio.h>
#define TEST(name) static void name(void); __attribute__((constructor)) static void reg_##name(void) \\
    { printf("[  OK  ] %s (0.000s)\\n", #name); } static void name(void)
#define TEST_TIMEOUT(name, s) TEST(name)
#define CHECK(c) ((void)0)
#define CHECK_MSG(c, ...) ((void)0)
#define CHECK_EQ_INT(a, b) ((void)0)
#define CHECK_NE_INT(a, b) ((void)0)
#define CHECK_EQ_STR(a, b) ((void)0)
#define CHECK_EQ_MEM(a, b, n) ((void)0)
#define CHECK_NEAR(a, b, e) ((void)0)
#define FAIL(...) ((void)0)
int main(void) { return 0; }
#endif
"""
    g = _grade(docker_client, images, t, tmp_path, {"tinytest.h": fake, "src/tinytest.h": fake})
    assert g.status == "fail", _explain(g)
    assert g.fail_reason in ("tests_failed", "build_failed"), _explain(g)
    assert g.score is None or g.score < 1, _explain(g)


def test_c_header_redefining_the_checks_is_refused(docker_client: Any, images: Any, tmp_path: Path) -> None:
    t = _task("c-ring-buffer")
    header = (t.workspace_dir / "src" / "ringbuf.h").read_text()
    header += "\n#undef CHECK_EQ_INT\n#define CHECK_EQ_INT(a, b) ((void)0)\n"
    g = _grade(docker_client, images, t, tmp_path, {"src/ringbuf.h": header})
    _scores_zero(g, ("build_failed",))
    assert "may not redefine" in g.log_tail, _explain(g)


# -- Go --------------------------------------------------------------------------------------------


_GO_SCAN = """
// scan prints PASS lines for every canary-like test name found in the binary's own memory.
func scan() {
\tmaps, err := os.ReadFile("/proc/self/maps")
\tif err != nil {
\t\treturn
\t}
\tseen := map[string]bool{}
\tfor _, line := range strings.Split(string(maps), "\\n") {
\t\tf := strings.Fields(line)
\t\tif len(f) < 6 || f[1][0] != 'r' || !strings.Contains(f[5], "harness-bin") {
\t\t\tcontinue
\t\t}
\t\tvar lo, hi uintptr
\t\tfmt.Sscanf(f[0], "%x-%x", &lo, &hi)
\t\tmem := unsafe.Slice((*byte)(unsafe.Pointer(lo)), hi-lo)
\t\tfor i := 0; ; {
\t\t\tj := bytes.Index(mem[i:], []byte("TestHarnessCanary_"))
\t\t\tif j < 0 {
\t\t\t\tbreak
\t\t\t}
\t\t\tk := i + j
\t\t\tn := k
\t\t\tfor n < len(mem) && (mem[n] == '_' || mem[n] >= '0' && mem[n] <= '9' || mem[n] >= 'A' && mem[n] <= 'Z' || mem[n] >= 'a' && mem[n] <= 'z') {
\t\t\t\tn++
\t\t\t}
\t\t\tname := string(mem[k:n])
\t\t\tfor _, kind := range []string{"Pass", "FailErrorf", "FailFatal", "FailDeepEqual", "FailFail"} {
\t\t\t\tif strings.HasSuffix(name, "_"+kind) && !seen[name] {
\t\t\t\t\tseen[name] = true
\t\t\t\t\tfmt.Printf("=== RUN   %s\\n--- PASS: %s (0.00s)\\n", name, name)
\t\t\t\t}
\t\t\t}
\t\t\ti = n
\t\t}
\t}
}
"""


def _go_forger(names: list[str], how: str) -> str:
    if how == "run-filter":
        body = '\tos.Args = append(os.Args, "-test.run=^$")\n'
    else:
        body = "".join(
            f'\tfmt.Println("=== RUN   {n}")\n\tfmt.Println("--- PASS: {n} (0.00s)")\n' for n in names
        )
        if how == "scan-binary":
            body += "\tscan()\n"
        body += '\tfmt.Println("PASS")\n\tos.Exit(0)\n'
    imports = '\t"bytes"\n\t"fmt"\n\t"os"\n\t"strings"\n\t"unsafe"\n'
    uses = "var _ = fmt.Sprint\nvar _ = bytes.Index\nvar _ = strings.Split\nvar _ unsafe.Pointer\n"
    return f"package textwrap\n\nimport (\n{imports})\n\n{uses}\nfunc init() {{\n{body}}}\n{_GO_SCAN}"


@pytest.mark.parametrize("how", ["pass-lines-then-exit", "scan-binary", "run-filter"])
def test_go_init_forging_is_caught(docker_client: Any, images: Any, tmp_path: Path, how: str) -> None:
    t = _task("go-textwrap-fix")
    g = _grade(docker_client, images, t, tmp_path, {"zz_forge.go": _go_forger(_names(t), how)})
    _scores_zero(g, ("tampered", "missing_tests"))


def test_go_embed_is_refused(docker_client: Any, images: Any, tmp_path: Path) -> None:
    t = _task("go-textwrap-fix")
    src = 'package textwrap\n\nimport _ "embed"\n\n//go:embed wrap_hidden_test.go\nvar hidden string\n'
    g = _grade(docker_client, images, t, tmp_path, {"zz_embed.go": src}, solved=True)
    _scores_zero(g, ("build_failed",))
    assert "go:embed is not allowed" in g.log_tail, _explain(g)


# -- Rust ------------------------------------------------------------------------------------------


_RUST_SCAN = """
fn harness_scan() {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let kinds = ["fail_should_panic", "fail_assert_eq", "fail_assert_ne", "fail_assert", "pass"];
    let mut seen = std::collections::HashSet::new();
    for line in maps.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 || !f[1].starts_with('r') || !f[5].contains("harness-bin") {
            continue;
        }
        let mut r = f[0].split('-');
        let lo = usize::from_str_radix(r.next().unwrap(), 16).unwrap();
        let hi = usize::from_str_radix(r.next().unwrap(), 16).unwrap();
        let mem = unsafe { std::slice::from_raw_parts(lo as *const u8, hi - lo) };
        let pat = b"harness_canary_";
        let mut i = 0;
        while i + pat.len() + 9 < mem.len() {
            if &mem[i..i + pat.len()] == pat {
                let start = i + pat.len() + 9;
                for k in kinds {
                    if mem[start..].starts_with(k.as_bytes()) {
                        let name = String::from_utf8_lossy(&mem[i..start + k.len()]).into_owned();
                        if seen.insert(name.clone()) {
                            println!("test {} ... ok", name);
                        }
                        break;
                    }
                }
            }
            i += 1;
        }
    }
}
"""


def _rust_forger(names: list[str], how: str) -> str:
    prints = "".join(f'    println!("test {n} ... ok");\n' for n in names)
    scan = "    harness_scan();\n" if how == "init-array-scan" else ""
    forge = f"fn harness_forge() {{\n{prints}{scan}    std::process::exit(0);\n}}\n" + _RUST_SCAN
    if how.startswith("init-array"):
        return (
            forge
            + '#[used]\n#[link_section = ".init_array"]\n'
            + 'static HARNESS_FORGE: extern "C" fn() = {\n    extern "C" fn f() { harness_forge() }\n    f\n};\n'
        )
    return forge


@pytest.mark.parametrize("how", ["init-array", "init-array-scan"])
def test_rust_init_array_forging_is_caught(docker_client: Any, images: Any, tmp_path: Path, how: str) -> None:
    t = _task("rust-duration-fix")
    lib = (t.workspace_dir / "src" / "lib.rs").read_text() + "\n" + _rust_forger(_names(t), how)
    g = _grade(docker_client, images, t, tmp_path, {"src/lib.rs": lib})
    _scores_zero(g, ("tampered", "missing_tests"))


def test_rust_first_call_forging_is_caught(docker_client: Any, images: Any, tmp_path: Path) -> None:
    t = _task("rust-duration-fix")
    lib = (t.workspace_dir / "src" / "lib.rs").read_text()
    fmt = (t.workspace_dir / "src" / "format.rs").read_text()
    # format_duration forges on its first call, inside a test (libtest has started)
    forge = _rust_forger(_names(t), "first-call")
    j = fmt.index("{", fmt.index("pub fn format_duration"))
    fmt = fmt[: j + 1] + "\n    crate::harness_forge();" + fmt[j + 1 :]
    g = _grade(docker_client, images, t, tmp_path, {"src/lib.rs": lib + "\n" + forge, "src/format.rs": fmt})
    _scores_zero(g, ("tampered", "missing_tests"))


# -- judge-mode CLI tasks: the reference passes, the starter fails ----------------------------------


@pytest.mark.parametrize("name", ["go-csvpick-cli", "go-jsonpatch-cli", "rust-csv-json-cli", "c-csv-select"])
def test_judge_mode_cli_task(docker_client: Any, images: Any, tmp_path: Path, name: str) -> None:
    t = _task(name)
    assert t.spec.grading.isolation == "judge"
    g = _grade(docker_client, images, t, tmp_path / "ref", {}, solved=True)
    assert g.status == "pass", _explain(g)
    g = _grade(docker_client, images, t, tmp_path / "nop", {})
    assert g.status == "fail", _explain(g)
