"""The real-code corpus: pinned distributions of public applications.

Applications (and the auth libraries they are built from) published on
PyPI, seven to nine per framework, chosen for real logins, logouts and session
cookies: big products that use the framework's own auth, and small apps
that hand-roll theirs. Wheels where the project publishes one (the code
users install, no build step); dj-rest-auth publishes only an sdist. Only
.py files are unpacked. Downloading, pinning and unpacking are bench's
(bench/corpus.py); the cache is ~/.cache/fixlint-realcode or
$REALCODE_CACHE.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from bench import corpus as dists
from bench.corpus import Wheel as Dist


class App(NamedTuple):
    name: str  # the key in the baseline: the project's name on PyPI
    framework: str  # flask, django, fastapi (FastAPI and Starlette), or a framework added by issue 20
    dist: Dist


def _app(framework, project, version, filename, sha256):
    return App(project, framework, Dist(project, version, filename, sha256))


APPS = (
    # Flask
    _app("flask", "Flask-AppBuilder", "5.3.0", "flask_appbuilder-5.3.0-py3-none-any.whl",
         "85d7c9520402848d864ac91672e19c921ca518ddc9b840d631ed6c04306b89ed"),
    _app("flask", "Flask-Security-Too", "5.9.2", "flask_security_too-5.9.2-py3-none-any.whl",
         "98f5e676767735dd2ff48afa92bcc9916778306b103999f8f4538a36b096f111"),
    _app("flask", "privacyidea", "3.14", "privacyidea-3.14-py3-none-any.whl",
         "86a24cbffa8a7316eab93eb220b4d8710ea68af2390990d0dddd58d7bd6947b1"),
    _app("flask", "ihatemoney", "7.2.1", "ihatemoney-7.2.1-py3-none-any.whl",
         "19742d7c6d08ee5675b97beefc7c40f1e07fe8ee2124a1036f5679f20ff9e324"),
    _app("flask", "calibreweb", "0.6.27", "calibreweb-0.6.27-py3-none-any.whl",
         "c6d4173d31a4495e09c615857f30f0d03d9f7eabc7bb50558164f67083d4f72d"),
    _app("flask", "changedetection.io", "0.60.10", "changedetection_io-0.60.10-py3-none-any.whl",
         "a99794de52220a398ef4002ac66f6bf07e579ef9269254828e6b59bd3fb2cd13"),
    _app("flask", "mlflow-skinny", "3.17.2", "mlflow_skinny-3.17.2-py3-none-any.whl",
         "31be9190494212ccd94774170fd06f6fe04d209aae3923eefd16f9bf7830d63c"),
    # Django
    _app("django", "django-allauth", "65.21.1", "django_allauth-65.21.1-py3-none-any.whl",
         "7bdf018c9f3f0a32c80677f84e7777272d9c833b180bd6734314c4831c802a9e"),
    _app("django", "wagtail", "8.0.1", "wagtail-8.0.1-py3-none-any.whl",
         "1e6ad5c7891a54efce1400e168298b5a2cc343b642cee89c31bf5ec30c98b26c"),
    _app("django", "django-cms", "5.1.3", "django_cms-5.1.3-py3-none-any.whl",
         "acf31919aab389d2bea253efa97a901bf55e96046a252f23a7a742e495848a5e"),
    _app("django", "pretix", "2026.8.0", "pretix-2026.8.0-py3-none-any.whl",
         "a78932e698778d873530d67f25a57c28d1c09b1bfb1a22ec817c00d90397db85"),
    _app("django", "label-studio", "1.23.2", "label_studio-1.23.2-py3-none-any.whl",
         "c575b2552d0b271554224c5e56ab2ce9449c6e62a0b4851bc8c706d8fe651137"),
    _app("django", "dj-rest-auth", "7.2.0", "dj_rest_auth-7.2.0.tar.gz",
         "f77af37da5cf6ee28f03f283a378a2f5761860e72d1d6f2fa3d50e6286000482"),
    _app("django", "django-hijack", "3.7.9", "django_hijack-3.7.9-py3-none-any.whl",
         "76e451842684ad79ea27e79a1dea60518c845d239656c90735c2c5c6eb2f78a3"),
    # FastAPI / Starlette
    _app("fastapi", "fastapi-users", "15.0.5", "fastapi_users-15.0.5-py3-none-any.whl",
         "10fd4f3e85ed66f694a6ca2ecac609af4e59d1f9ec64d1557f5912dccfd87c7f"),
    _app("fastapi", "sqladmin", "0.32.0", "sqladmin-0.32.0-py3-none-any.whl",
         "4f5cff4ab8e5349a3dcad17f3a4d46a7867b54b92ac45e5626fdb96e465c127f"),
    _app("fastapi", "starlette-admin", "1.0.3", "starlette_admin-1.0.3-py3-none-any.whl",
         "c240c333afed8e6844e3a889dda177818043619d95aeb526052908671aadf7aa"),
    _app("fastapi", "lnbits", "1.6.2", "lnbits-1.6.2-py3-none-any.whl",
         "25649a8b40f58e30e19aa9bb3c391a92b26e47cf9f028818fcab10b38a849339"),
    _app("fastapi", "chainlit", "2.12.0", "chainlit-2.12.0-py3-none-any.whl",
         "17cbd2c408f775a123892984bf9170674b5c81a01f7a8af278912e2786253ffc"),
    _app("fastapi", "fief-server", "0.27.0", "fief_server-0.27.0-py3-none-any.whl",
         "e5361f33b37e31d928eae3f744b2dceddea72627c077ff3b2275faa55ec2e032"),
    _app("fastapi", "fastapi-login", "1.10.3", "fastapi_login-1.10.3-py3-none-any.whl",
         "4a88a5e82f35084075d22191173fa9ddc195c96647f984114a066dd93c067067"),
    _app("fastapi", "gradio", "6.31.0", "gradio-6.31.0-py3-none-any.whl",
         "7b50b9b6a2d23cd02851ad4c8b1c8312c88d8b911d1f29c93f9761c98348a64a"),
    _app("fastapi", "open-webui", "0.12.4", "open_webui-0.12.4-py3-none-any.whl",
         "02e9caba96234db3fa17a92e56163b3f7f2b8ca8227fa886b85c178d696483f6"),
    # Pyramid (only an sdist for Kotti)
    _app("pyramid", "Kotti", "2.0.9", "Kotti-2.0.9.tar.gz",
         "c8e417073a131987da50deaf0fee75205f82fe1d7118f080fae8debb618f8668"),
    _app("pyramid", "pypicloud", "1.3.12", "pypicloud-1.3.12-py3-none-any.whl",
         "f43265b50c99ae1087c4edcea1c2b5ce7216a6a7c944c89beb68c99b1a406310"),
    # Quart (and Quart-Auth)
    _app("quart", "asfquart", "0.1.12", "asfquart-0.1.12-py3-none-any.whl",
         "80ec03522cc8b0ce17e5a91af077d6a4b6557b35fb274816f97a02890be0f678"),
    _app("quart", "quart-auth", "0.12.0", "quart_auth-0.12.0-py3-none-any.whl",
         "776b76d0ff33a350e77392fe90f2d652361861e09d04d0ebbaf85f7437b1b31a"),
    # Tornado
    _app("tornado", "jupyterhub", "6.1.1", "jupyterhub-6.1.1-py3-none-any.whl",
         "ae20ed7b3d7cef1dd5d51e28723fd53853d69f732e7a9e84a73136acab454248"),
    _app("tornado", "jupyter-server", "2.21.1", "jupyter_server-2.21.1-py3-none-any.whl",
         "2a6467606af7dbae2e7e31640030025969e15db6a649eae334af90415dc71dca"),
    # Litestar
    _app("litestar", "litestar-users", "2.0.1", "litestar_users-2.0.1-py3-none-any.whl",
         "aaa34323ed41f8c7c887861abf2516a85fd79e1d5a5215540c5b94e609ae6950"),
    _app("litestar", "liteset", "1.0.0", "liteset-1.0.0-py3-none-any.whl",
         "5a7a81ebf6973dfa8d07d1a4254a6c3fb29b6e9b5152f9bbff985944e03de795"),
    # aiohttp with aiohttp-session
    _app("aiohttp", "aiohttp-security", "0.5.0", "aiohttp_security-0.5.0-py3-none-any.whl",
         "791ecbb4bbdb95b3a2033bda345231628ea42903b2d33b6a3bf8737ed68c6072"),
    # Falcon: a signed-cookie session middleware and an authentication middleware
    _app("falcon", "FalconSignedSessions", "0.0.3", "FalconSignedSessions-0.0.3-py3-none-any.whl",
         "080e8b5a8950aa6294498e95d180300093baf4b2eed477a88bfadca4de9cd0f3"),
    _app("falcon", "falcon-auth2", "0.2.0", "falcon_auth2-0.2.0-py3-none-any.whl",
         "15b18ff75e393273b06a1219eb1387ed887c7ba5b16dda5c51d717efe97f1c0c"),
)


def default_cache():
    """$REALCODE_CACHE, else ~/.cache/fixlint-realcode."""
    return dists.default_cache("REALCODE_CACHE", "fixlint-realcode")


def prepare(cache, apps=APPS):
    """Download, verify and unpack each app: `(app, folder)` pairs, the
    folder being cache/apps/<name>-<version>/."""
    cache = Path(cache)
    laid_out = []
    for app in apps:
        path = dists.download(app.dist, cache / "dists")
        laid_out.append((app, dists.unpack(path, cache / "apps" / f"{app.name}-{app.dist.version}")))
    return laid_out
