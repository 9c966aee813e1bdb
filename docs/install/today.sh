# From a checkout of this repository ([fix] adds libcst, for `fixlint fix`)
pip install '.[fix]'
# From the wheel `make dist` builds in dist/ (beside the sdist)
pip install 'dist/fixlint-0.1.0-py3-none-any.whl[fix]'
# From git, pinned to a release tag (the release steps below create it) or to a commit
pip install 'fixlint[fix] @ git+https://github.com/fixlint/fixlint@v0.1.0'
