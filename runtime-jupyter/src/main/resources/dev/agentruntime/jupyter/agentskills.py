"""File helpers an agent calls in its IPython cells: agent-runtime's AgentSkills.

Written for agent-runtime from the behavioural description of OpenHands' 2024 AgentSkills: the same functions,
signatures and printed text (the printed text is the contract), so that a CodeAct agent of that era works
unchanged. Every function prints its result and returns None; checked errors print one line starting with
"ERROR:". Relative paths resolve against the kernel's working directory, which follows the shell's.

Optional parts need third-party packages (the document readers, Python linting after edits); when one is missing
the function says which, in its own output, and the rest works.
"""

import json
import os
import pathlib
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import uuid

if sys.version_info >= (3, 10):
    _OptInt = int | None
    _OptStr = str | None
else:  # the annotations only read differently; behaviour is the same
    _OptInt = 'int | None'
    _OptStr = 'str | None'

__all__ = [
    'open_file', 'goto_line', 'scroll_down', 'scroll_up', 'create_file', 'edit_file_by_replace',
    'insert_content_at_line', 'append_file', 'search_dir', 'search_file', 'find_file',
    'parse_pdf', 'parse_docx', 'parse_latex', 'parse_pptx',
]

# --- state kept between cells ------------------------------------------------------------------------------------

CURRENT_FILE = None  # the current file as shown in messages: absolute after open_file, as given after an edit
CURRENT_LINE = 1
WINDOW = 100

_current_path = None  # the current file's absolute path, so that a later cd does not lose it
_head = False  # print what OpenHands' current helpers print where they differ (open_file's window <= 100 lines)
_editor_socket = None  # where the runtime's editor answers file_editor


def _configure(head=False, editor_socket=None):
    """Called by the runtime right after the import."""
    global _head, _editor_socket
    _head = bool(head)
    _editor_socket = editor_socket


# --- shared pieces ------------------------------------------------------------------------------------------------

_MSG_NO_FILE = 'ERROR: No file open. Use the open_file function first.'
_UPDATED = ('[File updated (edited at line {}). Please review the changes and make sure they are correct (correct '
            'indentation, no duplicate lines, etc). Edit the file again if necessary.]')
_NOT_APPLIED = ('Your changes have NOT been applied. Please fix your edit command and try again.\n'
                'You either need to 1) Open the correct file and try again or 2) Specify the correct line number '
                'arguments.\n'
                'DO NOT re-run the same failed edit command. Running it again will lead to the same error.')


def _count_lines(path):
    """Lines as iterating over the file counts them; an empty file counts 1."""
    with open(path) as f:
        return max(sum(1 for _ in f), 1)


def _window(path, target, size, centred=True):
    """The window of lines around target: (text, the clamped target line)."""
    with open(path) as f:
        text = f.read()
    if not text.endswith('\n'):
        text += '\n'
    lines = text.splitlines()
    total = len(lines)
    line = min(max(target, 1), total)
    half = max(1, size // 2)
    if centred:
        first, last = max(1, line - half), min(total, line + half)
    else:
        first, last = max(1, line), min(total, line + size)
    if first == 1:
        last = min(total, size)
    if last == total:
        first = max(1, total - size + 1)
    out = ['(this is the beginning of the file)' if first == 1 else '({} more lines above)'.format(first - 1)]
    for i in range(first, last + 1):
        out.append('{}|{}'.format(i, lines[i - 1]))
    out.append('(this is the end of the file)' if last == total else '({} more lines below)'.format(total - last))
    return '\n'.join(out), line


def _header(path):
    return '[File: {} ({} lines total)]'.format(os.path.abspath(path), _count_lines(path))


def _set_current(shown, path, line=None):
    global CURRENT_FILE, CURRENT_LINE, _current_path
    CURRENT_FILE = shown
    _current_path = os.path.abspath(path)
    if line is not None:
        CURRENT_LINE = line


def _open_current():
    """The current file's absolute path, or None after printing the error."""
    if _current_path is None or not os.path.isfile(_current_path):
        print(_MSG_NO_FILE)  # the 2024 helpers then crashed with a traceback; this returns, as the current ones do
        return None
    return _current_path


def _is_line(value, total):
    return isinstance(value, int) and 1 <= value <= total


# --- navigation ---------------------------------------------------------------------------------------------------

def open_file(path: str, line_number: _OptInt = 1, context_lines: _OptInt = WINDOW) -> None:
    """Opens a file and shows a window of it around a line (the first by default).

    Args:
        path: the file to open, absolute or relative to the working directory
        line_number: the line the window is centred on (1-based)
        context_lines: how many lines the window shows (default 100)
    """
    global CURRENT_LINE
    if not os.path.isfile(path):
        print('ERROR: File {} not found.'.format(path))
        return
    _set_current(os.path.abspath(path), path)
    total = _count_lines(path)
    if not _is_line(line_number, total):
        print('ERROR: Line number must be between 1 and {}'.format(total))
        return
    size = context_lines if context_lines is not None and context_lines >= 1 else WINDOW
    size = min(max(size, 1), 100 if _head else 300)
    window, CURRENT_LINE = _window(path, line_number, size)
    output = _header(path) + '\n' + window
    if output.strip().endswith('more lines below)'):
        output += '\n[Use `scroll_down` to view the next 100 lines of the file!]'
    print(output)


def goto_line(line_number: int) -> None:
    """Shows the window of the open file centred on a line.

    Args:
        line_number: the line to go to (1-based)
    """
    global CURRENT_LINE
    path = _open_current()
    if path is None:
        return
    total = _count_lines(path)
    if not _is_line(line_number, total):
        print('ERROR: Line number must be between 1 and {}.'.format(total))
        return
    window, CURRENT_LINE = _window(path, line_number, WINDOW)
    print(_header(path) + '\n' + window)


def _scroll(delta):
    global CURRENT_LINE
    path = _open_current()
    if path is None:
        return
    total = _count_lines(path)
    CURRENT_LINE = min(max(CURRENT_LINE + delta, 1), total)
    window, CURRENT_LINE = _window(path, CURRENT_LINE, WINDOW, centred=False)
    print(_header(path) + '\n' + window)


def scroll_down() -> None:
    """Moves the window of the open file down by 100 lines."""
    _scroll(WINDOW)


def scroll_up() -> None:
    """Moves the window of the open file up by 100 lines."""
    _scroll(-WINDOW)


# --- creating and editing -----------------------------------------------------------------------------------------

def create_file(filename: str) -> None:
    """Creates an empty file and opens it.

    Args:
        filename: the file to create; its directory must exist
    """
    if os.path.exists(filename):
        print("ERROR: File '{}' already exists.".format(filename))
        return
    with open(filename, 'w') as f:
        f.write('\n')
    open_file(filename)
    print('[File {} created.]'.format(filename))


class _EditFailure(Exception):
    """An edit that was refused; the message is what the agent reads."""


def _line_error(file_name, detail):
    return '[Error editing file {}. Please confirm the file is correct.]\n{}\n{}\n'.format(
        file_name, detail, _NOT_APPLIED)


def _check_range(start, end, total):
    if not isinstance(start, int) or start < 1 or start > total:
        return 'Invalid start line number: {}. Line numbers must be between 1 and {} (inclusive).'.format(
            start, total)
    if not isinstance(end, int) or end < 1 or end > total:
        return 'Invalid end line number: {}. Line numbers must be between 1 and {} (inclusive).'.format(end, total)
    if start > end:
        return 'Invalid line range: {}-{}. Start must be less than or equal to end.'.format(start, end)
    return None


def _valid_name(file_name):
    return isinstance(file_name, str) and file_name.strip() != '' and '\0' not in file_name


def _preflight(file_name):
    """The shared checks; the error line, or None when the file may be edited."""
    if not _valid_name(file_name):
        return 'ERROR: Invalid file name.'
    if not os.path.exists(file_name):
        return 'ERROR: Invalid path or file name.'
    if not os.path.isfile(file_name):
        return 'ERROR: File {} not found.'.format(file_name)
    return None


def _line_ending(path):
    """'\\r\\n' for a file whose every line break is CRLF, else None (write what Python writes)."""
    with open(path, 'rb') as f:
        raw = f.read()
    crlf = raw.count(b'\r\n')
    return '\r\n' if crlf and crlf == raw.count(b'\n') else None


def _replace_file(path, text):
    """Writes text over path through a temporary file beside it, keeping the mode and the line breaks."""
    directory = os.path.dirname(os.path.abspath(path))
    suffix = os.path.splitext(path)[1]
    newline = _line_ending(path)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, temp = tempfile.mkstemp(prefix='.temp_', suffix=suffix, dir=directory)
    try:
        with os.fdopen(fd, 'w', newline=newline) as f:
            f.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def _edit(file_name, compute, report_line, added, centre):
    """Reads the file, computes the new text, lints, writes and reports.

    compute(lines) gives the new lines; report_line(lines) the line the report centres on; added is the number of
    lines the edit brings; centre(lines) where a lint report's windows centre when the linter names no line.
    """
    global CURRENT_LINE
    with open(file_name) as f:
        lines = f.readlines()
    try:
        new_lines = compute(lines)
    except _EditFailure as failure:
        print(str(failure))
        return
    text = ''.join(new_lines)
    if not text.endswith('\n'):
        text += '\n'
    lint = _Lint.of(file_name)
    original_errors = lint.run_on_copy(''.join(lines)) if lint.enabled else None
    try:
        _replace_file(file_name, text)
    except FileNotFoundError as e:
        print('File not found: {}'.format(e))
        return
    except PermissionError as e:
        print('Permission error during file operation: {}'.format(e))
        return
    except OSError as e:
        print('An error occurred while handling the file: {}'.format(e))
        return
    if lint.enabled:
        problem = lint.new_errors(original_errors, lines, new_lines, added, centre(lines))
        if problem is not None:
            _replace_file(file_name, ''.join(lines) if lines else '')
            print(problem)
            return
    total = _count_lines(file_name)
    target = report_line(lines)
    window, line = _window(file_name, target if target else total, WINDOW)
    _set_current(file_name, file_name, line)
    output = '[File: {} ({} lines total after edit)]\n{}\n{}'.format(os.path.abspath(file_name), total, window,
                                                                     _UPDATED.format(line))
    if lint.note:
        output += '\n' + lint.note
    print(output)


def edit_file_by_replace(file_name: str, to_replace: str, new_content: str) -> None:
    """Replaces the lines that hold to_replace with new_content.

    The lines where to_replace starts and ends are replaced whole. to_replace must occur once; when it does not
    occur as written, it is looked for again with all whitespace but line breaks ignored.

    Args:
        file_name: the file to edit
        to_replace: the text to replace; it must match the file exactly and be unique in it
        new_content: the text to put in its place
    """
    if to_replace is None or not isinstance(to_replace, str) or to_replace.strip() == '':
        print('ERROR: `to_replace` must not be empty.')
        return
    if to_replace == new_content:
        print('ERROR: `to_replace` and `new_content` must be different.')
        return
    if not isinstance(file_name, str) or not os.path.isfile(file_name):
        print('ERROR: File {} not found.'.format(file_name))
        return
    with open(file_name) as f:
        text = f.read()
    if text.count(to_replace) > 1:
        print('ERROR: `to_replace` appears more than once, please include enough lines to make code in '
              '`to_replace` unique.')
        return
    at = text.find(to_replace)
    if at >= 0:
        start = text.count('\n', 0, at) + 1
    else:
        squeezed_text = re.sub(r'[^\S\n]+', '', text)
        squeezed = re.sub(r'[^\S\n]+', '', to_replace)
        at = squeezed_text.find(squeezed)
        if at < 0 or squeezed == '':
            print('[No exact match found in {} for\n```\n{}\n```\n]'.format(file_name, to_replace))
            return
        start = squeezed_text.count('\n', 0, at) + 1
    end = start + len(to_replace.splitlines()) - 1
    replacement = new_content if new_content.endswith('\n') else new_content + '\n'

    def compute(lines):
        problem = _check_range(start, end, len(lines))
        if problem is not None:
            raise _EditFailure(_line_error(file_name, problem))
        return lines[:start - 1] + [replacement] + lines[end:]

    problem = _preflight(file_name)
    if problem is not None:
        print(problem)
        return
    _edit(file_name, compute, lambda lines: start, len(replacement.splitlines()),
          lambda lines: (start + end) // 2)


def _blank(lines):
    return not lines or (len(lines) == 1 and lines[0].strip() == '')


def insert_content_at_line(file_name: str, line_number: int, content: str) -> None:
    """Inserts content before the given line, which it becomes.

    Args:
        file_name: the file to edit
        line_number: the line the content is inserted before (1-based)
        content: the text to insert
    """
    problem = _preflight(file_name)
    if problem is not None:
        print(problem)
        return
    block = content if content.endswith('\n') else content + '\n'

    def compute(lines):
        if line_number is None:
            raise _EditFailure(_line_error(file_name, 'Invalid line number: None. Line numbers must be between 1 '
                                                      'and {} (inclusive).'.format(len(lines))))
        if _blank(lines):
            return [block]
        return lines[:line_number - 1] + [block] + lines[line_number - 1:]

    _edit(file_name, compute, lambda lines: line_number, len(block.splitlines()), lambda lines: line_number)


def append_file(file_name: str, content: str) -> None:
    """Adds content at the end of a file.

    Args:
        file_name: the file to edit
        content: the text to append
    """
    problem = _preflight(file_name)
    if problem is not None:
        print(problem)
        return

    def compute(lines):
        if _blank(lines):
            return [content]
        lines = list(lines)
        if not lines[-1].endswith('\n'):
            lines[-1] += '\n'
        return lines + [content]

    _edit(file_name, compute, lambda lines: max(len(lines), 1), len(content.splitlines()),
          lambda lines: max(len(lines), 1))


# --- linting after edits (ENABLE_AUTO_LINT=true) ------------------------------------------------------------------

_TREE_SITTER_EXTENSIONS = {
    '.js', '.mjs', '.jsx', '.ts', '.tsx', '.rb', '.go', '.java', '.c', '.h', '.cc', '.cpp', '.hpp', '.cs', '.rs',
    '.php', '.sh', '.bash', '.kt', '.scala', '.swift', '.lua', '.r', '.el', '.ex', '.exs', '.elm', '.ml', '.hs',
    '.jl', '.dart', '.html', '.css', '.json', '.yaml', '.yml', '.toml', '.sql',
}


class _Lint:
    """Linting of one edit: flake8 (or compile() without it) for Python; other languages need tree-sitter."""

    def __init__(self, path, enabled, note):
        self.path = path
        self.enabled = enabled
        self.note = note

    @staticmethod
    def of(path):
        if os.environ.get('ENABLE_AUTO_LINT', '').lower() != 'true':
            return _Lint(path, False, '')
        ext = os.path.splitext(path)[1].lower()
        if ext == '.py':
            note = '' if shutil.which('flake8') else ('[Linting: flake8 is not installed (Debian: flake8), so only '
                                                      'syntax errors were checked.]')
            return _Lint(path, True, note)
        if ext in _TREE_SITTER_EXTENSIONS:
            return _Lint(path, False, '[Linting skipped: checking {} files needs the Python package '
                                      'tree-sitter-languages, which is not installed.]'.format(ext))
        return _Lint(path, False, '')

    def _errors(self, file_path, shown_name):
        """The linter's report for a file: (text, first error line) or (None, None) when clean."""
        if shutil.which('flake8'):
            run = subprocess.run(['flake8', '--select=F821,F822,F831,E112,E113,E999,E902', '--isolated',
                                  os.path.abspath(file_path)], capture_output=True, text=True)
            out = (run.stdout + run.stderr).strip()
            if run.returncode != 0 and out:
                match = re.match(r'^[^:]*:(\d+):', out)
                return out, int(match.group(1)) if match else None
        with open(file_path) as f:
            source = f.read()
        try:
            compile(source, shown_name, 'exec')
        except SyntaxError as e:
            lines = ['Traceback (most recent call last):', '  File "{}", line {}'.format(shown_name, e.lineno)]
            if e.text is not None:
                lines.append('    ' + e.text.strip())
            lines.append('{}: {}'.format(type(e).__name__, e.msg))
            return '\n'.join(lines) + '\n', e.lineno
        return None, None

    def run_on_copy(self, text):
        fd, copy = tempfile.mkstemp(suffix=os.path.splitext(self.path)[1])
        try:
            with os.fdopen(fd, 'w') as f:
                f.write(text)
            return self._errors(copy, self.path)[0]
        finally:
            os.remove(copy)

    def new_errors(self, original_errors, old_lines, new_lines, added, fallback_centre):
        """The refusal to print when the edit added errors, else None."""
        errors, first_line = self._errors(self.path, self.path)
        if errors is None:
            return None
        report = 'ERRORS:\n' + errors
        if original_errors is not None:
            known = {line.split(':')[-1].strip() for line in ('ERRORS:\n' + original_errors).splitlines()}
            kept = [line for line in report.splitlines() if line.split(':')[-1].strip() not in known]
            if not kept:
                return None
            report = '\n'.join(kept)
        size = added + 20
        centre = first_line or fallback_centre
        proposed = _text_window(''.join(new_lines), centre, size)
        original = _text_window(''.join(old_lines), centre, size)
        rule = '-' * 49
        return ('[Your proposed edit has introduced new syntax error(s). Please understand the errors and retry your '
                'edit command.]\n{}\n[This is how your edit would have looked if applied]\n{}\n{}\n{}\n\n'
                '[This is the original code before your edit]\n{}\n{}\n{}\n'
                'Your changes have NOT been applied. Please fix your edit command and try again.\n'
                'You either need to 1) Specify the correct start/end line arguments or 2) Correct your edit code.\n'
                'DO NOT re-run the same failed edit command. Running it again will lead to the same error.').format(
            report, rule, proposed, rule, rule, original, rule)


def _text_window(text, centre, size):
    fd, path = tempfile.mkstemp()
    try:
        with os.fdopen(fd, 'w') as f:
            f.write(text)
        return _window(path, centre, size)[0]
    finally:
        os.remove(path)


# --- search -------------------------------------------------------------------------------------------------------

def _walk_files(dir_path):
    """(root, name) of every file under dir_path, top-down, each directory's files before its subdirectories."""
    for root, _dirs, files in os.walk(dir_path):
        for name in files:
            yield root, name


def search_dir(search_term: str, dir_path: str = './') -> None:
    """Searches every file under a directory for a term.

    Args:
        search_term: the text to look for (case-sensitive)
        dir_path: the directory to search (default: the working directory)
    """
    if not os.path.isdir(dir_path):
        print('ERROR: Directory {} not found'.format(dir_path))
        return
    matches = []
    for root, name in _walk_files(dir_path):
        if name.startswith('.'):
            continue
        path = os.path.join(root, name)
        try:
            with open(path, errors='ignore') as f:
                for number, line in enumerate(f, 1):
                    if search_term in line:
                        matches.append((path, number, line.strip()))
        except OSError:
            continue
    if not matches:
        print('No matches found for "{}" in {}'.format(search_term, dir_path))
        return
    files = len({path for path, _, _ in matches})
    if files > 100:
        print('More than {} files matched for "{}" in {}. Please narrow your search.'.format(
            files, search_term, dir_path))
        return
    out = ['[Found {} matches for "{}" in {}]'.format(len(matches), search_term, dir_path)]
    out += ['{} (Line {}): {}'.format(path, number, line) for path, number, line in matches]
    out.append('[End of matches for "{}" in {}]'.format(search_term, dir_path))
    print('\n'.join(out))


def search_file(search_term: str, file_path: _OptStr = None) -> None:
    """Searches a file (the open one by default) for a term.

    Args:
        search_term: the text to look for (case-sensitive)
        file_path: the file to search
    """
    if file_path is None:
        if CURRENT_FILE is None:
            print('ERROR: No file specified or open. Use the open_file function first.')
            return
        shown, path = CURRENT_FILE, _current_path
    else:
        shown, path = file_path, file_path
    if not os.path.isfile(path):
        print('ERROR: File {} not found.'.format(shown))
        return
    with open(path) as f:
        matches = [(number, line.strip()) for number, line in enumerate(f, 1) if search_term in line]
    if not matches:
        print('[No matches found for "{}" in {}]'.format(search_term, shown))
        return
    out = ['[Found {} matches for "{}" in {}]'.format(len(matches), search_term, shown)]
    out += ['Line {}: {}'.format(number, line) for number, line in matches]
    out.append('[End of matches for "{}" in {}]'.format(search_term, shown))
    print('\n'.join(out))


def find_file(file_name: str, dir_path: str = './') -> None:
    """Finds files whose name contains file_name under a directory.

    Args:
        file_name: the text the file names must contain
        dir_path: the directory to search (default: the working directory)
    """
    if not os.path.isdir(dir_path):
        print('ERROR: Directory {} not found'.format(dir_path))
        return
    found = [os.path.join(root, name) for root, name in _walk_files(dir_path) if file_name in name]
    if not found:
        print('[No matches found for "{}" in {}]'.format(file_name, dir_path))
        return
    print('\n'.join(['[Found {} matches for "{}" in {}]'.format(len(found), file_name, dir_path)] + found
                    + ['[End of matches for "{}" in {}]'.format(file_name, dir_path)]))


# --- document readers ---------------------------------------------------------------------------------------------

def _missing(function, package, debian):
    print('ERROR: {} needs the Python package {} (Debian: {}), which is not installed in this kernel.'.format(
        function, package, debian))


def parse_pdf(file_path: str) -> None:
    """Prints the text of a PDF file, page by page.

    Args:
        file_path: the PDF file
    """
    print('[Reading PDF file from {}]'.format(file_path))
    try:
        from PyPDF2 import PdfReader
    except ImportError:
        try:
            from pypdf import PdfReader
        except ImportError:
            _missing('parse_pdf', 'PyPDF2', 'python3-pypdf2')
            return
    reader = PdfReader(file_path)
    text = ''
    for number, page in enumerate(reader.pages, 1):
        text += '@@ Page {} @@\n'.format(number) + page.extract_text() + '\n\n'
    print(text.strip())


def parse_docx(file_path: str) -> None:
    """Prints the paragraphs of a Word (.docx) file.

    Args:
        file_path: the .docx file
    """
    print('[Reading DOCX file from {}]'.format(file_path))
    try:
        import docx
    except ImportError:
        _missing('parse_docx', 'python-docx', 'python3-docx')
        return
    document = docx.Document(file_path)
    text = ''
    for number, paragraph in enumerate(document.paragraphs, 1):
        text += '@@ Page {} @@\n'.format(number) + paragraph.text + '\n\n'
    print(text)


def parse_latex(file_path: str) -> None:
    """Prints a LaTeX file as plain text.

    Args:
        file_path: the .tex file
    """
    print('[Reading LaTex file from {}]'.format(file_path))
    try:
        from pylatexenc.latex2text import LatexNodes2Text
    except ImportError:
        _missing('parse_latex', 'pylatexenc', 'python3-pylatexenc')
        return
    with open(file_path) as f:
        latex = f.read()
    print(LatexNodes2Text().latex_to_text(latex).strip())


def parse_pptx(file_path: str) -> None:
    """Prints the text of every slide of a PowerPoint (.pptx) file.

    Args:
        file_path: the .pptx file
    """
    print('[Reading PowerPoint file from {}]'.format(file_path))
    try:
        from pptx import Presentation
    except ImportError:
        _missing('parse_pptx', 'python-pptx', 'none; pip install python-pptx')
        return
    try:
        lines = []
        for number, slide in enumerate(Presentation(file_path).slides, 1):
            lines.append('@@ Slide {} @@'.format(number))
            lines += [shape.text for shape in slide.shapes if hasattr(shape, 'text')]
        print('\n'.join(lines))
    except Exception as e:  # the 2024 helper reported every failure this way
        print('Error reading PowerPoint file: {}'.format(e))


# The OpenAI readers exist only when a key is set when the module is imported, as in OpenHands.

def _openai_client():
    try:
        from openai import OpenAI
    except ImportError:
        return None
    return OpenAI(api_key=_OPENAI_KEY, base_url=os.environ.get('OPENAI_BASE_URL', 'https://api.openai.com/v1'))


def parse_audio(file_path: str, model: str = 'whisper-1') -> None:
    """Prints the transcript of an audio file (needs an OpenAI key and the openai package).

    Args:
        file_path: the audio file
        model: the transcription model
    """
    print('[Transcribing audio file from {}]'.format(file_path))
    client = _openai_client()
    if client is None:
        _missing('parse_audio', 'openai', 'none; pip install openai')
        return
    try:
        with open(file_path, 'rb') as audio:
            print(client.audio.transcriptions.create(model=model, file=audio).text)
    except Exception as e:
        print('Error transcribing audio file: {}'.format(e))


def _describe_image(client, data_url, task):
    answer = client.chat.completions.create(
        model=os.environ.get('OPENAI_MODEL', 'gpt-4o'), max_tokens=int(os.environ.get('MAX_TOKEN', '500')),
        messages=[{'role': 'user', 'content': [{'type': 'text', 'text': task},
                                               {'type': 'image_url', 'image_url': {'url': data_url}}]}])
    return answer.choices[0].message.content


def parse_image(file_path: str, task: str = 'Describe this image as detail as possible.') -> None:
    """Prints a description of an image (needs an OpenAI key and the openai package).

    Args:
        file_path: the image file
        task: what to ask about the image
    """
    import base64
    print('[Reading image file from {}]'.format(file_path))
    client = _openai_client()
    if client is None:
        _missing('parse_image', 'openai', 'none; pip install openai')
        return
    try:
        with open(file_path, 'rb') as image:
            encoded = base64.b64encode(image.read()).decode('ascii')
        print(_describe_image(client, 'data:image/jpeg;base64,' + encoded, task))
    except Exception as e:
        print('Error with the request: {}'.format(e))


def parse_video(file_path: str, task: str = 'Describe this image as detail as possible.',
                frame_interval: int = 30) -> None:
    """Prints a description of every frame_interval-th frame of a video (needs an OpenAI key, openai and cv2).

    Args:
        file_path: the video file
        task: what to ask about each frame
        frame_interval: describe every this many frames
    """
    import base64
    print('[Processing video file from {} with frame interval {}]'.format(file_path, frame_interval))
    client = _openai_client()
    if client is None:
        _missing('parse_video', 'openai', 'none; pip install openai')
        return
    import cv2
    video = cv2.VideoCapture(file_path)
    frames = []
    while video.isOpened():
        ok, frame = video.read()
        if not ok:
            break
        frames.append(frame)
    video.release()
    chosen = frames[::frame_interval]
    print('Totally {} would be analyze...\n'.format(len(chosen)))
    for index, frame in enumerate(chosen):
        print('Process the {}, current No. {} frame...'.format(file_path, index * frame_interval))
        try:
            encoded = base64.b64encode(cv2.imencode('.jpg', frame)[1]).decode('ascii')
            print("Frame {}'s content: {}\n".format(index, _describe_image(
                client, 'data:image/jpeg;base64,' + encoded, task)))
        except Exception as e:
            print('Error with the request: {}'.format(e))


_OPENAI_KEY = os.environ.get('OPENAI_API_KEY') or os.environ.get('SANDBOX_ENV_OPENAI_API_KEY')
if _OPENAI_KEY:
    __all__ += ['parse_audio', 'parse_image', 'parse_video']
else:
    del parse_audio, parse_image, parse_video


# --- file_editor: the str_replace_editor of the runtime, as OpenHands' current helpers export it ------------------

def file_editor(command: str, path: str, file_text: _OptStr = None, view_range=None, old_str: _OptStr = None,
                new_str: _OptStr = None, insert_line: _OptInt = None, enable_linting: bool = False) -> str:
    """Runs a str_replace_editor command (view, create, str_replace, insert, undo_edit) in the runtime's editor,
    the one the edit action uses, and returns its answer: the result as tagged JSON, or "ERROR:\\n..." text.
    """
    if view_range is not None and (not isinstance(view_range, (list, tuple)) or len(view_range) != 2
                                   or not all(isinstance(v, int) for v in view_range)):
        return 'ERROR:\nInvalid `view_range` parameter: {}. It should be a list of two integers.'.format(view_range)
    if insert_line is not None and not isinstance(insert_line, int):
        raise TypeError("'<' not supported between instances of '{}' and 'int'".format(type(insert_line).__name__))
    if _editor_socket is None:
        return 'ERROR:\nfile_editor is not available: this kernel was not started by agent-runtime.'
    request = {'command': command, 'path': path, 'file_text': file_text,
               'view_range': list(view_range) if view_range is not None else None, 'old_str': old_str,
               'new_str': new_str, 'insert_line': insert_line}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(_editor_socket)
        s.sendall(json.dumps(request).encode('utf-8') + b'\n')
        s.shutdown(socket.SHUT_WR)
        answer = b''
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
    result = json.loads(answer.decode('utf-8'))
    if result['refused']:
        return result['output']
    fields = {'output': result['output'], 'error': None, 'path': str(pathlib.Path(path)), 'prev_exist': result['prev_exist'],
              'old_content': result['old_content'], 'new_content': result['new_content'],
              'formatted_output_and_error': result['output']}
    marker = uuid.uuid4().hex
    return '<oh_aci_output_{0}>\n{1}\n</oh_aci_output_{0}>'.format(marker, json.dumps(fields, indent=2))


__all__.append('file_editor')
