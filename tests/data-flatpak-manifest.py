#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest (TAP output).

A released GNOME runtime, no permissions beyond those of a document
application (files come through the portal), every downloaded source pinned
by a checksum, and the application itself built from this tree.
Usage: data-flatpak-manifest.py MANIFEST.json APPLICATION-ID
"""

import json
import re
import sys

# The display, and the one folder the caseload lives in (created on first
# run); any other client file comes through the file chooser portal.
CASELOAD_FOLDER = '--filesystem=xdg-documents/IPS Caseload:create'
FINISH_ARGS = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri',
               CASELOAD_FOLDER}
DOWNLOADED = {'archive', 'file', 'extra-data'}

results = []


def check(ok, name, detail=''):
    results.append(bool(ok))
    print(f'{"ok" if ok else "not ok"} {len(results)} - {name}')
    if detail and not ok:
        print(f'# {detail}')


def source_is_pinned(source):
    kind = source.get('type')
    if kind in DOWNLOADED:
        return (bool(source.get('url')) and
                re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')) is not None)
    if kind == 'git':
        return re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')) is not None
    # Files that live in this tree (patch, shell, dir...) need no checksum,
    # but only the application module may take the whole tree.
    return kind in {'patch', 'shell', 'script', 'inline'}


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('1..1')
        check(False, 'the manifest parses as JSON', str(e))
        return 1
    check(True, 'the manifest parses as JSON')

    check(manifest.get('id', manifest.get('app-id')) == app_id,
          'the manifest builds the application ID')
    check(manifest.get('command') == 'ips-caseload', 'the manifest runs ips-caseload')
    check(manifest.get('runtime') == 'org.gnome.Platform' and
          manifest.get('sdk') == 'org.gnome.Sdk', 'the manifest uses the GNOME runtime')
    version = str(manifest.get('runtime-version', ''))
    check(re.fullmatch(r'\d+', version) and int(version) >= 47,
          'the runtime is a released GNOME version, not master', version)

    finish_args = manifest.get('finish-args', [])
    check(set(finish_args) == FINISH_ARGS and len(finish_args) == len(FINISH_ARGS),
          'finish-args are only ipc, wayland, fallback-x11, dri and the caseload folder', finish_args)
    check(not any(a.startswith(('--filesystem', '--socket=x11', '--device=all', '--share=network'))
                  for a in finish_args if a != CASELOAD_FOLDER),
          'no file system, network or device access beyond the caseload folder and the portal')

    modules = manifest.get('modules', [])
    check(modules and all(isinstance(m, dict) for m in modules),
          'every module is declared in the manifest itself')
    modules = [m for m in modules if isinstance(m, dict)]
    *dependencies, app = modules if modules else [{}]

    for module in dependencies:
        sources = module.get('sources', [])
        check(sources and all(source_is_pinned(s) for s in sources),
              f'every source of module {module.get("name")} is pinned by a checksum', sources)

    libzip = [m for m in dependencies if m.get('name') == 'libzip']
    check(len(libzip) == 1 and any(s.get('type') == 'archive' and s.get('url') and
                                   s.get('sha256') for s in libzip[0].get('sources', [])),
          'libzip is built as a module from a checksummed archive')

    app_sources = app.get('sources', [])
    check(app.get('name') == 'ips-caseload' and app.get('buildsystem') == 'meson',
          'the last module builds the application with meson')
    check(any(s.get('type') == 'dir' and s.get('path') == '..' for s in app_sources) and
          all(s.get('type') == 'dir' or source_is_pinned(s) for s in app_sources),
          'the application is built from this source tree', app_sources)

    print(f'1..{len(results)}')
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
