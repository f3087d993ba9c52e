#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the installed MIME type recognises client files by content.

Installs the MIME package into a private XDG_DATA_HOME, runs
update-mime-database there and asks gio for the content type of client files
with and without their extension, and of SQLite files that are not client
files.  Usage: data-mime.py MIME-PACKAGE.xml (TAP output).
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLIENT_TYPE = 'application/vnd.ipscaseload.client+sqlite3'
SQLITE_TYPE = 'application/vnd.sqlite3'
CLIENT_APPLICATION_ID = 0x49505343  # "IPSC"

results = []


def check(ok, name, detail=''):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} - {name}')
    if detail and not ok:
        for line in detail.splitlines():
            print(f'# {line}')


def make_sqlite(path, application_id):
    db = sqlite3.connect(path)
    if application_id is not None:
        db.execute(f'PRAGMA application_id = {application_id}')
    db.execute('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)')
    db.execute("INSERT INTO meta VALUES ('created', '2026-01-05T09:00:00.000Z')")
    db.commit()
    db.close()


def content_type(path, env):
    out = subprocess.run(['gio', 'info', '-a', 'standard::content-type', path],
                         env=env, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        line = line.strip()
        if line.startswith('standard::content-type:'):
            return line.split(':', 3)[-1].strip()
    return None


def main():
    mime_package = os.path.abspath(sys.argv[1])
    print('1..8')

    with tempfile.TemporaryDirectory(prefix='ips-mime-') as tmp:
        data_home = os.path.join(tmp, 'data')
        packages = os.path.join(data_home, 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(mime_package, packages)

        env = dict(os.environ)
        env.update({
            'HOME': tmp,
            'XDG_DATA_HOME': data_home,
            'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
            'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
            'XDG_RUNTIME_DIR': tmp,
            'GIO_USE_VFS': 'local',
            'GIO_USE_VOLUME_MONITOR': 'unix',
        })
        # The system database provides application/vnd.sqlite3, the parent.
        env.setdefault('XDG_DATA_DIRS', '/usr/local/share:/usr/share')

        update = subprocess.run(['update-mime-database', os.path.join(data_home, 'mime')],
                                env=env, capture_output=True, text=True)
        check(update.returncode == 0 and not update.stderr.strip(),
              'update-mime-database accepts the package without warnings',
              update.stdout + update.stderr)

        files = os.path.join(tmp, 'files')
        os.makedirs(files)

        def path(name):
            return os.path.join(files, name)

        make_sqlite(path('john.ipsclient'), CLIENT_APPLICATION_ID)
        make_sqlite(path('john-without-extension'), CLIENT_APPLICATION_ID)
        shutil.copy(path('john-without-extension'), path('john.db'))
        make_sqlite(path('plain-sqlite'), None)
        make_sqlite(path('other-application'), 0x12345678)
        # The 4 bytes at offset 68 are "IPSC", but the file is not SQLite.
        with open(path('not-sqlite'), 'wb') as f:
            f.write(b'Not a database at all.'.ljust(68, b' ') + b'IPSC' + b'\n' * 64)

        expected = [
            ('john.ipsclient', CLIENT_TYPE, 'a client file is recognised by its extension'),
            ('john-without-extension', CLIENT_TYPE, 'a client file is recognised by content alone'),
            ('john.db', CLIENT_TYPE, 'a client file is recognised under an SQLite extension'),
        ]
        for name, want, what in expected:
            got = content_type(path(name), env)
            check(got == want, what, f'{name}: expected {want}, got {got}')

        got = content_type(path('plain-sqlite'), env)
        check(got != CLIENT_TYPE and got == SQLITE_TYPE,
              'a plain SQLite file is an SQLite database, not a client file',
              f'plain-sqlite: got {got}')
        got = content_type(path('other-application'), env)
        check(got != CLIENT_TYPE,
              'an SQLite file of another application is not a client file',
              f'other-application: got {got}')
        got = content_type(path('not-sqlite'), env)
        check(got != CLIENT_TYPE, 'the application ID alone is not enough',
              f'not-sqlite: got {got}')

        parents = os.path.join(data_home, 'mime', 'subclasses')
        with open(parents, encoding='utf-8') as f:
            subclasses = f.read().split('\n')
        check(f'{CLIENT_TYPE} {SQLITE_TYPE}' in subclasses,
              'the client type is a sub-class of application/vnd.sqlite3',
              ''.join(subclasses))

    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
