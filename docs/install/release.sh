# Release steps: tag the commit and publish the tag (pre-commit and pip read it),
# then build, check and upload the sdist and the wheel
git tag -a v0.1.0 -m 'fixlint 0.1.0'
git push origin v0.1.0
make dist
twine upload dist/*
