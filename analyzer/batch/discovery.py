"""What a run analyzes: files named, documents found in folders (recursively) or matched by globs, and stdin.

Discovery walks folders in a fixed order (names sorted in each folder), follows symlinks but visits each
folder and each file once (symlink loops end there), and decides by content what is a document: images,
archives, manifests and binary junk found in folders are skipped and counted. A file named explicitly, and
any file ending in ``.pdf``, is always attempted, so that a corrupt PDF becomes an error record rather than
vanishing; so is a folder that cannot be listed or holds no document. The run's own output file is never
an input: it is excluded by identity (device, inode), silently.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from analyzer.readers import describe_non_document, sniff_format
from analyzer.readers.encoding import looks_textual
from analyzer.results import Analysis

SKIP_NAMES = {"manifest.csv", "labels.csv", ".ds_store", "thumbs.db", "desktop.ini"}
# a folder's own notes (README.md, LICENSE, CHANGELOG.txt): text, but about the folder, not an agreement
NOTE_STEMS = {"readme", "license", "licence", "changelog", "changes", "notice", "authors", "copying"}
HEAD_BYTES = 8192
SEEN_BEFORE = "same file seen before (link)"

FileKey = tuple[int, int]


def has_glob(item: str) -> bool:
    return any(ch in item for ch in "*?[")


def file_key(st: os.stat_result) -> FileKey:
    """A file's identity: two paths with the same key are the same file (a hard link, a symlink)."""
    return (st.st_dev, st.st_ino)


def why_not_document(path: str, name: str | None = None) -> str | None:
    """None when `path` should be analyzed, else the reason (a short category) to skip it."""
    name = name or os.path.basename(path)
    lname = name.lower()
    if lname in SKIP_NAMES:
        return "manifest or listing"
    if lname.split(".", 1)[0] in NOTE_STEMS:
        return "folder notes (README, LICENSE...)"
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except FileNotFoundError:
        return "vanished"
    except OSError:
        return None  # unreadable: attempted, so that it is recorded with the reason
    if lname.endswith(".pdf"):
        return None  # a corrupt PDF is still a PDF: one record per PDF
    return _why_not_by_content(head, name)


def _why_not_by_content(head: bytes, name: str) -> str | None:
    if not head:
        return "empty file"
    what = describe_non_document(head)
    if what:
        return "image" if "image" in what else "archive" if "archive" in what else "not a document"
    fmt = sniff_format(head, name)
    if fmt is None:
        return "not a document type"
    if fmt == "text" and not looks_textual(head):
        return "binary, not a document"
    return None


@dataclass
class _Walk:
    """The state of one discovery: what was skipped and why, and what was seen already."""

    skipped: Counter
    own: set[FileKey] = field(default_factory=set)  # the run's output: never an input, never counted
    seen_dirs: set[FileKey] = field(default_factory=set)
    seen_files: set[FileKey] = field(default_factory=set)

    def first_time(self, key: FileKey) -> bool:
        """False (and counted) for a file seen before or the run's own output; else remembered."""
        if key in self.own:
            return False
        if key in self.seen_files:
            self.skipped[SEEN_BEFORE] += 1
            return False
        self.seen_files.add(key)
        return True

    def folder(self, top: str) -> Iterator[str]:
        try:
            st = os.stat(top)
        except OSError:
            self.skipped["unreadable folder"] += 1
            return
        if file_key(st) in self.own:  # the pages folder of the run's own HTML report
            return
        if file_key(st) in self.seen_dirs:
            self.skipped["folder already visited (symlink)"] += 1
            return
        self.seen_dirs.add(file_key(st))
        try:
            with os.scandir(top) as it:
                names = sorted(e.name for e in it)
        except OSError:
            yield top  # recorded as an error naming the folder, not only counted
            return
        for name in names:
            path = os.path.join(top, name)
            if name.startswith("."):
                if not self.is_own(path):  # a report's temporary file is hidden, and ours
                    self.skipped["hidden"] += 1
                continue
            yield from self.entry(path, name)

    def is_own(self, path: str) -> bool:
        try:
            return file_key(os.stat(path)) in self.own
        except OSError:
            return False

    def entry(self, path: str, name: str) -> Iterator[str]:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self.skipped["broken symlink" if os.path.islink(path) else "vanished"] += 1
            return
        except OSError:  # ELOOP (a symlink pointing at itself), EACCES on a link target...
            self.skipped["unresolvable symlink" if os.path.islink(path) else "unreadable"] += 1
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self.folder(path)
        elif not stat.S_ISREG(st.st_mode):
            self.skipped["not a regular file"] += 1
        elif self.first_time(file_key(st)):
            why = why_not_document(path, name)
            if why:
                self.skipped[why] += 1
            else:
                yield path

    def pattern(self, item: str) -> Iterator[str]:
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield item  # recorded as "no file matches this pattern"
        for m in matches:
            if os.path.isdir(m):
                yield from self.folder(m)
                continue
            try:
                key = file_key(os.stat(m))
            except OSError:
                continue
            if key in self.seen_files or key in self.own:
                continue
            self.seen_files.add(key)
            why = why_not_document(m)
            if why:
                self.skipped[why] += 1
            else:
                yield m

    def named_folder(self, item: str, st: os.stat_result) -> Iterator[str]:
        found, again = 0, file_key(st) in self.seen_dirs
        for path in self.folder(item):
            found += 1
            yield path
        if not found and not again:
            yield item  # a named folder without any document gets a record saying so


def discover(inputs: Iterable[str], skipped: Counter | None = None, exclude: Iterable[FileKey] = ()
             ) -> Iterator[str]:
    """What to analyze, in a fixed order: files named (always attempted, even when missing, so that
    they are recorded), documents found in folders (recursively) or matched by globs, and '-' (stdin).
    Files skipped are counted in `skipped` by reason; `exclude` holds (st_dev, st_ino) of the run's own
    output, which is never yielded nor counted."""
    walk = _Walk(skipped if skipped is not None else Counter(), own=set(exclude))
    for item in inputs:
        if item == "-":
            yield item
            continue
        try:
            st = os.stat(item)
        except OSError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            yield from walk.named_folder(item, st)
        elif st is None and has_glob(item) and not os.path.lexists(item):
            yield from walk.pattern(item)
        elif st is None or not stat.S_ISREG(st.st_mode) or walk.first_time(file_key(st)):
            yield item


def sha256_file(path: str) -> str | None:
    """sha256 of a regular file's bytes, or None (missing, unreadable, a pipe...)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        h = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _missing(item: str) -> Analysis:
    reason = "no file matches this pattern" if has_glob(item) else "no such file or folder"
    return Analysis(path=item, error=reason, error_code="input")


def _folder_record(item: str) -> Analysis:
    """A folder discovery handed over: it could not be listed, or it holds no document."""
    try:
        with os.scandir(item) as it:
            n = sum(1 for _ in it)
    except OSError as exc:
        return Analysis(path=item, error=f"cannot read folder: {exc.strerror or exc}", error_code="input")
    return Analysis(path=item, error=f"no documents in this folder ({n} entries, none analyzable)",
                    error_code="input")


def local_record(item: str) -> Analysis | None:
    """The record of an item that needs no reading (missing, a folder), else None."""
    if not os.path.lexists(item) or (os.path.islink(item) and not os.path.exists(item)):
        return _missing(item)
    if os.path.isdir(item):
        return _folder_record(item)
    return None
