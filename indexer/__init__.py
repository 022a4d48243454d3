"""gonghui's library: the ingestion pipeline and the search index behind a small API.

Data flows one way: file -> extract -> clean -> split -> label -> index -> search.
The web layer and the command line use only what this module exports."""

from .models import Article, BookInfo, FileResult, Source
from .pipeline import InputFile, iter_input_files, process_file, source_key
from .settings import ConfigError, Settings
from .workers import FileDone, Task, process_files

__all__ = [
    "Article",
    "ConfigError",
    "FileDone",
    "Task",
    "process_files",
    "BookInfo",
    "FileResult",
    "InputFile",
    "Settings",
    "Source",
    "iter_input_files",
    "process_file",
    "source_key",
]
