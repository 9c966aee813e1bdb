# Once fixlint is on PyPI (after the release steps), and only then
pip install 'fixlint[fix]'
