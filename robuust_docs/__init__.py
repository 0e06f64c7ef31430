"""robuust-docs: a tailored handreiking (Word and PDF) for every Dutch public library organisation.

Stages, in order: `loader.load_dataset`, `content.load_content`, `analysis.analyse_dataset` (indicators,
category, proximity, assessment), `report.build_report`, `render_docx.render_docx` / `render_pdf.render_pdf`,
`output.write_outputs`; `pipeline` strings them together and `batch.run_batch` runs many libraries.
"""

__version__ = "0.1.0"
