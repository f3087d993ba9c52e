#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the translations in po/ (TAP output).

  data-po.py --source-root DIR --lang LL   one language: `msgfmt -c` passes;
      if po/COMPLETE lists it, no message is untranslated or fuzzy and every
      message of po/ips-caseload.pot is in it
  data-po.py --source-root DIR --pot       po/ips-caseload.pot is current: the
      strings extracted now from the files in POTFILES.in are the ones in it,
      every source file with translatable strings is listed, and every string
      a form definition shows is extracted as the loader looks it up
  data-po.py --source-root DIR --access-keys   no two items of one menu in
      ui/*.ui share an access key (the letter after "_"), in English and in
      each language po/COMPLETE lists

See po/README.md for updating the template and the translations.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PACKAGE = 'ips-caseload'

# The keywords of meson's i18n 'glib' preset (po/meson.build), which decide
# what xgettext extracts.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
]

# Elements of a form definition whose text is shown, as in
# data/gettext/its/ips-form.its.
FORM_TEXT_PATHS = [
    './title', './description', './/section/title', './/field/label',
    './/field/help', './/group/label', './/group/item-label', './/option',
]

results = []


def check(ok, name, detail=''):
    results.append(bool(ok))
    print(f'{"ok" if ok else "not ok"} {len(results)} - {name}')
    if detail and not ok:
        for line in detail.splitlines():
            print(f'# {line}')


def tool_env():
    env = dict(os.environ, LC_ALL='C')
    env.pop('LANGUAGE', None)
    return env


def po_unquote(text):
    out = []
    i = 0
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\'}
    while i < len(text):
        c = text[i]
        if c == '\\' and i + 1 < len(text):
            out.append(escapes.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read_po(path):
    """The entries of a PO file: (msgctxt, msgid) -> (msgstrs, flags).

    Entries are separated by blank lines, as gettext's tools write them; the
    header and obsolete entries (#~) are left out.
    """
    entries = {}
    with open(path, encoding='utf-8') as po:
        blocks = po.read().split('\n\n')
    for block in blocks:
        flags = set()
        fields = {}
        field = None
        for line in block.splitlines():
            if line.startswith('#,'):
                flags.update(f.strip() for f in line[2:].split(','))
            elif line.startswith('#'):
                continue
            elif line.startswith('"') and field is not None:
                fields[field] += po_unquote(line[1:-1])
            else:
                match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
                if match:
                    field = match.group(1)
                    fields[field] = po_unquote(match.group(2))
        if fields.get('msgid'):
            strs = [v for k, v in sorted(fields.items()) if k.startswith('msgstr')]
            entries[(fields.get('msgctxt'), fields['msgid'])] = (strs, flags)
    return entries


def read_list(path):
    """Non-empty lines of a list file, without # comments."""
    items = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                items.extend(line.split())
    return items


def check_language(po_dir, lang):
    po_path = os.path.join(po_dir, f'{lang}.po')
    complete = lang in read_list(os.path.join(po_dir, 'COMPLETE'))
    print(f'1..{4 if complete else 1}')

    run = subprocess.run(['msgfmt', '-c', '--check-format', '--statistics',
                          '-o', os.devnull, po_path],
                         env=tool_env(), capture_output=True, text=True)
    check(run.returncode == 0, f'msgfmt -c --check-format {lang}.po', run.stderr)
    if not complete:
        return

    entries = read_po(po_path)
    untranslated = [msgid for (_, msgid), (strs, _) in entries.items()
                    if not all(strs)]
    check(not untranslated, f'{lang} (complete) has no untranslated message',
          'untranslated:\n' + '\n'.join(repr(m) for m in untranslated[:20]))

    fuzzy = [msgid for (_, msgid), (_, flags) in entries.items() if 'fuzzy' in flags]
    check(not fuzzy, f'{lang} (complete) has no fuzzy message',
          'fuzzy:\n' + '\n'.join(repr(m) for m in fuzzy[:20]))

    template = read_po(os.path.join(po_dir, f'{PACKAGE}.pot'))
    missing = [msgid for key, msgid in ((k, k[1]) for k in template) if key not in entries]
    check(not missing, f'{lang}.po has every message of {PACKAGE}.pot',
          'missing (run the update-po target, then translate):\n'
          + '\n'.join(repr(m) for m in missing[:20]))


def collapse(text):
    # As the form loader (src/core/ips-form-definition.c) does.
    return ' '.join(w for w in re.split(r'[ \t\n\r]+', text) if w)


def check_template(source_root):
    po_dir = os.path.join(source_root, 'po')
    potfiles_in = os.path.join(po_dir, 'POTFILES.in')
    listed = read_list(potfiles_in)
    print('1..5')

    check(all(os.path.isfile(os.path.join(source_root, f)) for f in listed),
          'every file in POTFILES.in exists',
          '\n'.join(f for f in listed if not os.path.isfile(os.path.join(source_root, f))))

    # Source files with translatable strings that POTFILES.in forgets.
    unlisted = []
    patterns = {
        '.c': re.compile(r'\b(?:N?C?_|g_dn?gettext|g_dpgettext2)\s*\(\s*"'),
        '.ui': re.compile(r'translatable="(?:yes|true)"'),
    }
    candidates = (glob.glob('src/**/*.c', root_dir=source_root, recursive=True)
                  + glob.glob('ui/**/*.ui', root_dir=source_root, recursive=True))
    for rel in sorted(candidates):
        with open(os.path.join(source_root, rel), encoding='utf-8') as f:
            if patterns[os.path.splitext(rel)[1]].search(f.read()) and rel not in listed:
                unlisted.append(rel)
    forms = sorted(glob.glob('data/forms/*.form.xml', root_dir=source_root))
    unlisted += [f for f in forms if f not in listed]
    check(not unlisted, 'every file with translatable strings is in POTFILES.in',
          'add to po/POTFILES.in:\n' + '\n'.join(unlisted))

    with tempfile.TemporaryDirectory(prefix='ips-pot-') as tmp:
        fresh_path = os.path.join(tmp, f'{PACKAGE}.pot')
        env = tool_env()
        env['GETTEXTDATADIRS'] = os.path.join(source_root, 'data', 'gettext')
        run = subprocess.run(['xgettext', f'--package-name={PACKAGE}',
                              '-f', potfiles_in, '-D', source_root,
                              '-o', fresh_path] + XGETTEXT_ARGS,
                             env=env, capture_output=True, text=True)
        check(run.returncode == 0, 'xgettext extracts the strings', run.stderr)
        fresh = set(read_po(fresh_path)) if run.returncode == 0 else set()

    committed = set(read_po(os.path.join(po_dir, f'{PACKAGE}.pot')))
    added = sorted(m for _, m in fresh - committed)
    removed = sorted(m for _, m in committed - fresh)
    check(fresh and not added and not removed, f'po/{PACKAGE}.pot is current',
          'new strings:\n' + '\n'.join(repr(m) for m in added[:20])
          + '\nstrings gone:\n' + '\n'.join(repr(m) for m in removed[:20])
          + '\nsee po/README.md')

    # The loader looks each text up with its whitespace collapsed; xgettext's
    # ITS rules must extract exactly that string.
    msgids = {m for _, m in committed}
    not_extracted = []
    for form in forms:
        root = ET.parse(os.path.join(source_root, form)).getroot()
        for path in FORM_TEXT_PATHS:
            for element in root.findall(path):
                text = collapse(''.join(element.itertext()))
                if text and text not in msgids:
                    not_extracted.append(f'{form}: {text!r}')
    check(not not_extracted, 'every text of the form definitions is in the template',
          '\n'.join(not_extracted[:20]))


def access_key(label):
    """The access key of a GTK label with use-underline, lower case, or None."""
    i = 0
    while i < len(label) - 1:
        if label[i] == '_':
            if label[i + 1] != '_':
                return label[i + 1].lower()
            i += 1
        i += 1
    return None


def check_access_keys(source_root):
    po_dir = os.path.join(source_root, 'po')
    languages = [('en', {})]
    for lang in read_list(os.path.join(po_dir, 'COMPLETE')):
        entries = read_po(os.path.join(po_dir, f'{lang}.po'))
        languages.append((lang, {key: strs[0] for key, (strs, flags) in entries.items()
                                 if strs and strs[0] and 'fuzzy' not in flags}))

    menus = []
    for ui in sorted(glob.glob(os.path.join(source_root, 'ui', '**', '*.ui'), recursive=True)):
        for menu in ET.parse(ui).getroot().iter('menu'):
            labels = [(attr.get('context'), attr.text) for item in menu.iter('item')
                      for attr in item.findall('attribute')
                      if attr.get('name') == 'label' and attr.text]
            menus.append((os.path.relpath(ui, source_root), menu.get('id'), labels))

    print(f'1..{len(languages)}')
    for lang, table in languages:
        clashes = []
        for ui, menu_id, labels in menus:
            seen = {}
            for key in labels:
                text = table.get(key, key[1])
                letter = access_key(text)
                if letter is None:
                    continue
                if letter in seen:
                    clashes.append(f'{ui} {menu_id}: “{seen[letter]}” and “{text}” both use {letter}')
                else:
                    seen[letter] = text
        check(not clashes, f'no two items of a menu share an access key ({lang})', '\n'.join(clashes))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', required=True)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument('--lang')
    group.add_argument('--pot', action='store_true')
    group.add_argument('--access-keys', action='store_true')
    args = parser.parse_args()

    if args.pot:
        check_template(os.path.abspath(args.source_root))
    elif args.access_keys:
        check_access_keys(os.path.abspath(args.source_root))
    else:
        check_language(os.path.join(args.source_root, 'po'), args.lang)
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
