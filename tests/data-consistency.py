#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the desktop integration files agree with each other.

The desktop file, the metainfo, the MIME package, the GSettings schema and
the icons each repeat the application ID, the MIME type or the version; this
test catches one of them drifting (TAP output).
"""

import argparse
import configparser
import os
import re
import sys
import xml.etree.ElementTree as ET

MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
SVG_NS = '{http://www.w3.org/2000/svg}'

results = []


def check(ok, name, detail=''):
    results.append(bool(ok))
    print(f'{"ok" if ok else "not ok"} {len(results)} - {name}')
    if detail and not ok:
        print(f'# {detail}')


def main():
    parser = argparse.ArgumentParser()
    for option in ('app-id', 'version', 'desktop', 'metainfo', 'mime', 'gschema', 'icons', 'source-root'):
        parser.add_argument(f'--{option}', required=True)
    args = parser.parse_args()
    app_id = args.app_id

    # The MIME package names the type everything else refers to.
    mime = ET.parse(args.mime).getroot()
    mime_types = mime.findall(f'{MIME_NS}mime-type')
    check(len(mime_types) == 1, 'the MIME package declares one type')
    client_type = mime_types[0].get('type')
    check(re.fullmatch(r'application/vnd\.[a-z0-9.-]+\+sqlite3', client_type or ''),
          'the client type is a vendor type with the +sqlite3 suffix', client_type)
    globs = [g.get('pattern') for g in mime_types[0].findall(f'{MIME_NS}glob')]
    check(globs == ['*.ipsclient'], 'the client type has the glob *.ipsclient', globs)
    parents = [p.get('type') for p in mime_types[0].findall(f'{MIME_NS}sub-class-of')]
    check(parents == ['application/vnd.sqlite3'], 'the client type is a kind of SQLite', parents)

    # Desktop file.
    desktop = configparser.RawConfigParser(interpolation=None, strict=True)
    desktop.optionxform = str
    desktop.read(args.desktop, encoding='utf-8')
    entry = desktop['Desktop Entry']
    check(os.path.basename(args.desktop) == f'{app_id}.desktop',
          'the desktop file is named after the application ID')
    check(entry.get('Exec') == 'ips-caseload %F', 'the desktop file opens files', entry.get('Exec'))
    check(entry.get('Icon') == app_id, 'the desktop file uses the application icon')
    check(client_type in entry.get('MimeType', '').split(';'),
          'the desktop file handles the client type', entry.get('MimeType'))
    check('Office' in entry.get('Categories', '').split(';'), 'the application is in Office')
    check('DBusActivatable' not in entry,
          'no D-Bus activation, as no D-Bus service file is installed')

    # Metainfo.
    component = ET.parse(args.metainfo).getroot()
    check(component.findtext('id') == app_id, 'the metainfo has the application ID')
    check(component.findtext('launchable') == f'{app_id}.desktop',
          'the metainfo launches the desktop file')
    developer = component.find('developer')
    check(developer is not None and developer.get('id') and developer.findtext('name'),
          'the metainfo names the developer with an ID')
    provides = component.find('provides')
    check(provides is not None and provides.findtext('binary') == 'ips-caseload',
          'the metainfo provides the binary')
    mediatypes = [m.text for m in provides.findall('mediatype')] if provides is not None else []
    check(mediatypes == [client_type], 'the metainfo provides the client type', mediatypes)
    releases = [r.get('version') for r in component.findall('releases/release')]
    check(releases and releases[0] == args.version,
          'the newest release in the metainfo is the project version',
          f'{releases} against {args.version}')
    rating = component.find('content_rating')
    check(rating is not None and rating.get('type') == 'oars-1.1', 'the metainfo has an OARS rating')
    shots = component.findall('screenshots/screenshot')
    check(shots and all(s.findtext('caption') and
                        (s.findtext('image') or '').startswith('https://') for s in shots)
          and sum(s.get('type') == 'default' for s in shots) == 1,
          'every screenshot has a caption and an image, one is the default')
    prefix = 'https://raw.githubusercontent.com/ipscaseload/ips-caseload/main/'
    missing = []
    for shot in shots:
        url = shot.findtext('image') or ''
        local = os.path.join(args.source_root, url[len(prefix):]) if url.startswith(prefix) else ''
        if not local or not os.path.isfile(local) or open(local, 'rb').read(8) != b'\x89PNG\r\n\x1a\n':
            missing.append(url)
    check(not missing, 'every screenshot is a PNG in data/screenshots/ '
          '(build-aux/update-screenshots makes them)', missing)
    check(component.find("requires/display_length[@compare='ge']") is not None,
          'the metainfo requires a display length')
    controls = {c.text for c in component.findall('supports/control')}
    check({'keyboard', 'pointing'} <= controls, 'the metainfo supports keyboard and pointer',
          controls)

    # GSettings schema.
    schema = ET.parse(args.gschema).getroot()
    check(schema.get('gettext-domain') == 'ips-caseload', 'the schema is translated')
    schemas = schema.findall('schema')
    check(len(schemas) == 1 and schemas[0].get('id') == app_id and
          schemas[0].get('path') == '/' + app_id.replace('.', '/') + '/',
          'the schema is named after the application ID')
    keys = {k.get('name'): k.get('type') for k in schemas[0].findall('key')}
    wanted = {
        'window-width': 'i', 'window-height': 'i', 'window-maximized': 'b',
        'caseload-folder': 's', 'text-scale': 'd', 'client-view-default': 'b',
        'caseload-show-closed': 'b', 'caseload-width': 'i', 'caseload-height': 'i',
    }
    check(keys == wanted, 'the schema has the keys the application reads', keys)
    check(all(k.findtext('summary') for k in schemas[0].findall('key')),
          'every schema key has a summary')

    # Icons.
    for sub, name, size in (('scalable', f'{app_id}.svg', 128),
                            ('symbolic', f'{app_id}-symbolic.svg', 16)):
        path = os.path.join(args.icons, 'hicolor', sub, 'apps', name)
        try:
            svg = ET.parse(path).getroot()
            ok = (svg.tag == f'{SVG_NS}svg' and
                  svg.get('viewBox') == f'0 0 {size} {size}' and
                  svg.get('width') == str(size) and svg.get('height') == str(size))
            detail = svg.get('viewBox')
        except (OSError, ET.ParseError) as e:
            ok, detail = False, str(e)
        check(ok, f'the {sub} icon is an SVG of {size}×{size}', detail)

    print(f'1..{len(results)}')
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
