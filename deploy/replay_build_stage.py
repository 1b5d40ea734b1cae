#!/usr/bin/env python3
"""Replays the build stage of a Dockerfile here, as `docker build` would run it (called by deploy/check.sh --publish):
its COPY lines copy from the repository root into a temporary folder (WORKDIR mapped into it; bin/ and obj/ left out as
.dockerignore does) and its RUN lines run there, so a restore that needs a file the Dockerfile forgot to copy fails here too.

usage: replay_build_stage.py DOCKERFILE [ARG=VALUE ...]; the exit code is 1 when a step failed.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

from check_deploy import ROOT, copy_sources, dockerfile_instructions, problem, problems, substitute


def run_build_stage(dockerfile, build_args):
    """Replays the first stage's COPY and RUN lines in a temporary folder (WORKDIR mapped into it) and reports failures."""
    instructions = dockerfile_instructions(dockerfile)
    scratch = tempfile.mkdtemp(prefix="dockerfile-build-")
    variables = dict(build_args)
    cwd = scratch
    try:
        for number, keyword, arguments in instructions[1:]:
            if keyword == "FROM":
                break
            arguments = substitute(arguments, variables)
            if keyword == "ARG":
                name, _, default = arguments.partition("=")
                variables.setdefault(name, default)
            elif keyword == "WORKDIR":
                cwd = os.path.join(scratch, arguments.lstrip("/"))
                os.makedirs(cwd, exist_ok=True)
            elif keyword == "COPY":
                sources, destination = copy_sources(arguments)
                target = os.path.join(cwd, destination)
                for source in sources:
                    for match in glob.glob(os.path.join(ROOT, source)):
                        if os.path.isdir(match):
                            shutil.copytree(match, os.path.join(target, ""), dirs_exist_ok=True,
                                            ignore=shutil.ignore_patterns("bin", "obj"))
                        else:
                            os.makedirs(target if destination.endswith("/") else os.path.dirname(target), exist_ok=True)
                            shutil.copy(match, target)
            elif keyword == "RUN":
                print(f"  {dockerfile}:{number}: RUN {arguments}", flush=True)
                completed = subprocess.run(["bash", "-c", arguments], cwd=cwd, env={**os.environ, **variables},
                                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                if completed.returncode != 0:
                    problem(f"{dockerfile}:{number}", "RUN failed:\n" + completed.stdout[-4000:])
                    return
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    run_build_stage(sys.argv[1], dict(arg.split("=", 1) for arg in sys.argv[2:]))
    for line in problems:
        print(line)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
