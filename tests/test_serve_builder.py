"""The preview's adapter over MkDocs' private serve builder (hooks/helpcenter/serve_builder.py):
it fails here, naming the versions, as soon as another MkDocs is installed."""

from __future__ import annotations

import types
from importlib.metadata import version

from mkdocs.commands import serve

from helpcenter import serve_builder


def nested_code(code: types.CodeType, name: str) -> types.CodeType:
    found = [const for const in code.co_consts if isinstance(const, types.CodeType)]
    return next(const for const in found if const.co_name == name)


def test_the_installed_mkdocs_is_the_one_the_adapter_was_written_for():
    installed = version("mkdocs")
    assert installed == serve_builder.WRITTEN_FOR, (
        f"MkDocs {installed} is installed; hooks/helpcenter/serve_builder.py was written for "
        f"{serve_builder.WRITTEN_FOR}: check that mkdocs/commands/serve.py's builder still "
        "closes over get_config, serve_url and is_clean, then raise WRITTEN_FOR"
    )


def test_the_installed_serve_builder_closes_over_what_the_adapter_reads():
    builder = nested_code(serve.serve.__code__, "builder")
    assert {"get_config", "serve_url", "is_clean"} <= set(builder.co_freevars)


def make_builder(is_clean: bool):
    def get_config():
        return None

    serve_url = "http://127.0.0.1:8000/"

    def builder(config=None) -> None:
        print(get_config, serve_url, is_clean)  # closes over them, as MkDocs' builder does

    return builder, get_config, serve_url


def test_the_adapter_reads_the_config_loader_and_url_of_a_serve_builder():
    builder, get_config, serve_url = make_builder(is_clean=False)
    assert serve_builder.parts(builder) == (get_config, serve_url)


def test_a_clean_serve_or_another_builder_gets_full_rebuilds():
    assert serve_builder.parts(make_builder(is_clean=True)[0]) is None
    assert serve_builder.parts(print) is None
    assert serve_builder.parts(lambda: None) is None
