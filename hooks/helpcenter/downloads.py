"""The files a page can offer for download (<!-- settings:download NAME -->), and where the
build writes them: shared by the markers and hooks/setup_files.py, which writes the files."""

from __future__ import annotations

# Inside each language's root (`/` for the default language, `/<locale>/` for the others), so a
# page links it with the same relative URL in every language.
PROFILE_PATH = "profiles/email.mobileconfig"
PROFILE_CONTENT_TYPE = "application/x-apple-aspen-config"

# Each download marker's name and the label of its button.
DOWNLOADS = {"apple-profile": "profile.download"}


def profile_path(prefix: str) -> str:
    """The profile's path in the built site, below the language's URL prefix."""
    return prefix + PROFILE_PATH


def download_paths(prefix: str) -> dict[str, str]:
    """Each download's file in the built site, in the language with this URL prefix."""
    return {"apple-profile": profile_path(prefix)}
