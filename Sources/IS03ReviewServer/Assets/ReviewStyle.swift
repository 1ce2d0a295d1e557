/// The station's style sheet, served as /static/review.css.
enum ReviewStyle {
    static let source = #"""
body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #111; background: #f4f4f2; }
header { display: flex; gap: 1em; align-items: center; padding: .5em 1em; background: #223; color: #fff; }
header a { color: #cde; } header .brand { font-weight: bold; } header .who { margin-left: auto; }
header form { margin: 0; }
main { padding: 1em; }
.login main { max-width: 22em; margin: 4em auto; background: #fff; padding: 2em; border-radius: 6px; }
.login-form label { display: block; margin: .8em 0; } .login-form input { width: 100%; font-size: 1.1em; }
.error { color: #b00; font-weight: bold; }
.single { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18em, 1fr); gap: 1em; }
.crop-wrap { background: #fff; border: 1px solid #ccc; padding: .5em; }
.crop-wrap img { width: 100%; image-rendering: auto; }
#letters { overflow-x: auto; margin-top: .6em; } .letters { border-collapse: separate; border-spacing: 2px; background: none; }
.letters td { border: 1px solid #aaa; min-width: 1.3em; height: 1.6em; padding: 0; text-align: center; font: bold 1.1em monospace; }
.letters td.diff { background: #ffd2c8; } .letters td.gap { border: none; min-width: .6em; }
.letters th { text-align: left; font-weight: normal; padding-right: .6em; white-space: nowrap; border: none; }
aside img#sheet { width: 100%; border: 1px solid #ccc; background: #fff; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .2em .8em; } dt { color: #555; }
dd { margin: 0; } dd.value { font-size: 2em; font-weight: bold; }
li.chosen { background: #ffe9a8; }
.keys { color: #555; font-size: .9em; }
.answers { list-style: none; padding: 0; margin: .4em 0; } .answers li { margin: .15em 0; }
.answers li[data-kind="action"] { font-weight: bold; }
#note input { width: 100%; font-size: 1.1em; } #note label { display: block; margin-bottom: .2em; }
#group-grid { display: grid; grid-template-columns: repeat(6, 1fr); gap: .5em; }
.tile { margin: 0; background: #fff; border: 2px solid #ccc; padding: .3em; }
.tile img { width: 100%; } .tile figcaption { font-size: 1.4em; font-weight: bold; text-align: center; }
.tile.focus { border-color: #d60; box-shadow: 0 0 0 3px #fc8; } .tile.done { opacity: .45; }
table { border-collapse: collapse; background: #fff; } td, th { border: 1px solid #ddd; padding: .2em .5em; text-align: left; }
.sheet-layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1em; }
.sheet-layout img.overlay { width: 100%; border: 1px solid #ccc; }
.correction label { display: inline-block; margin-right: .6em; }
"""#
}
