from flask import Flask, jsonify, make_response, request, session

app = Flask(__name__)
app.secret_key = "dev"


@app.post("/login")
def login():
    session.clear()
    session["user"] = request.form["name"]
    resp = make_response("welcome")
    resp.set_cookie("remember_token", "t0ken", max_age=3600)
    return resp


@app.get("/me")
def me():
    return jsonify(user=session.get("user"), remembered=request.cookies.get("remember_token"))
