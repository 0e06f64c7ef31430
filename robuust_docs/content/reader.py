"""`FieldReader`: typed access to one content file's mappings, recording a `Problem` (file and key) for anything
missing or of the wrong type, so every loader reports all problems at once with the same wording."""

from __future__ import annotations

from robuust_docs.errors import Problem
from robuust_docs.files import clean_text


class FieldReader:
    """Typed access to one YAML file's mapping, recording a Problem (file + key) for anything wrong."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def problem(self, key: str, message: str, value: object = None) -> None:
        self.problems.append(Problem(self.file, message, key=key, value=value))

    def text(self, data: dict, key: str, path: str, required: bool = True) -> str:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"{path}.{key}", "verplichte tekst ontbreekt")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problem(f"{path}.{key}", "verwacht een tekst", value)
            return ""
        return clean_text(str(value)).strip()

    def texts(self, data: dict, key: str, path: str, required: bool = True) -> tuple[str, ...]:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "verplichte lijst ontbreekt")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            self.problem(f"{path}.{key}", "verwacht een lijst met teksten", value)
            return ()
        return tuple(clean_text(str(v)).strip() for v in value if clean_text(str(v)).strip())

    def number(self, data: dict, key: str, path: str, required: bool = True) -> float | None:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "verplicht getal ontbreekt")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{path}.{key}", "verwacht een getal", value)
            return None
        return float(value)

    def items(self, data: object, key: str) -> list[tuple[str, dict]]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list):
            self.problem(key, "verwacht een lijst", None if value is None else type(value).__name__)
            return []
        result = []
        for index, item in enumerate(value):
            path = f"{key}[{index}]"
            if isinstance(item, dict):
                result.append((path, item))
            else:
                self.problem(path, "verwacht een blok met sleutels", item)
        return result
