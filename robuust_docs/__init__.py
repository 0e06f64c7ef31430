"""robuust-docs: a tailored handreiking (Word and PDF) for every Dutch public library organisation.

One package per stage, data flowing one way: `content.load_content` and `inputs.load_dataset` read what the
programme says and what the library's figures are; `analysis.analyse_dataset` computes indicators, categories,
proximity and statuses; `findings` says what matters; `report.build_report` (and `overview.build_overview`) turn
that into a format-neutral model in final Dutch; `render` writes Word and tagged PDF; `output` puts the files in
place without losing an edit; `app` strings the stages together and `cli` is the command line. The foundation
modules (`errors`, `files`, `fmt`, `paths`, `schema`, `status`) serve them all. See docs/ontwikkelaars.md.
"""

__version__ = "0.1.0"
