"""Build the site strictly into a temporary folder and put it in place only when it succeeded.

`mkdocs build --strict` writes the whole site before it aborts on a warning, so building
straight into site/ would leave a half-checked site behind. The hosts' header file
(deploy/_headers, for Netlify and Cloudflare Pages) goes into the site's root, where they read it.
Usage: python -m tools.build_site [SITE_DIR]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tools.kit.build import PROJECT_DIR, strict_build

HEADERS_FILE = Path("deploy") / "_headers"


def build_site(site_dir: Path, project_dir: Path = PROJECT_DIR) -> int:
    """Strict build; replace site_dir only on success. Returns MkDocs' exit code."""
    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        result = strict_build(project_dir, staging, capture=False)
        if result.returncode != 0:
            print(f"Build failed: {site_dir.name}/ was left as it was.", file=sys.stderr)
            return result.returncode
        if (project_dir / HEADERS_FILE).is_file():
            shutil.copy2(project_dir / HEADERS_FILE, staging / HEADERS_FILE.name)
        old = site_dir.with_name(site_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
        print(f"Built {site_dir}")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_DIR / "site"
    sys.exit(build_site(target))
