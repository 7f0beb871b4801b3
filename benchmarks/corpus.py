"""A synthetic corpus of plausible Indonesian news articles, for benchmarks without the public data.

Every sentence below was written for this project (the events, people and
outlets are invented). Articles are composed from them by a seeded random
generator, so the same seed gives the same corpus on every machine:

>>> a = list(articles(3, seed=1))
>>> a == list(articles(3, seed=1)), sorted(a[0])
(True, ['id', 'text', 'title'])
>>> 150 < sum(len(x["text"].split()) for x in articles(50)) / 50 < 350
True
"""
from __future__ import annotations

import random

CITIES = ["Bogor", "Depok", "Bekasi", "Tangerang", "Bandung", "Garut", "Cirebon", "Semarang", "Solo", "Yogyakarta",
          "Malang", "Surabaya", "Medan", "Padang", "Palembang", "Makassar", "Manado", "Denpasar", "Mataram", "Kupang"]
PEOPLE = ["Rudi Hartono", "Siti Aminah", "Dedi Kurniawan", "Rina Wulandari", "Agus Salim", "Dewi Lestari",
          "Hendra Saputra", "Maya Anggraini", "Bambang Sutrisno", "Nur Hidayah", "Yusuf Ramadhan", "Lina Marlina",
          "Teguh Prasetyo", "Ayu Pratiwi", "Joko Susilo", "Fitri Handayani"]
ROLES = ["Kapolres {c} AKBP {p}", "Kepala Dinas Kesehatan {c}, {p},", "Wali Kota {c} {p}",
         "Kepala BPBD {c}, {p},", "Camat {c} Tengah, {p},", "Kepala Dinas Perhubungan {c} {p}",
         "Ketua DPRD {c} {p}", "Kepala Sekolah SMA Negeri 1 {c}, {p},"]
OUTLETS = ["Kabar{c}", "Radar {c}", "Warta {c} Online", "{c}Pos"]
TOPICS = [
    ("banjir", "Banjir Rendam Ratusan Rumah di {c}", "Hujan deras sejak sore membuat sungai di {c} meluap"),
    ("jalan", "Jalan Provinsi di {c} Rusak Parah, Warga Tanam Pohon Pisang", "Kerusakan jalan di {c} makin parah"),
    ("harga", "Harga Cabai di Pasar {c} Naik Dua Kali Lipat", "Harga cabai merah di pasar tradisional {c} melonjak"),
    ("sekolah", "Puluhan Sekolah di {c} Terapkan Jam Masuk Baru", "Dinas pendidikan {c} mengubah jam masuk sekolah"),
    ("curanmor", "Polisi Bekuk Komplotan Pencuri Motor di {c}", "Polisi menangkap empat pria yang mencuri sepeda motor"),
    ("kebakaran", "Kebakaran Hanguskan Belasan Kios di Pasar {c}", "Api melahap belasan kios di pasar induk {c}"),
    ("vaksin", "Ribuan Warga {c} Ikuti Vaksinasi Gratis", "Pemerintah kota {c} menggelar vaksinasi gratis"),
    ("festival", "Festival Kuliner {c} Dibanjiri Pengunjung", "Ribuan pengunjung memadati festival kuliner di {c}"),
]
CLICKBAIT_HEADS = ["Heboh! {h}", "Viral, {h}", "Bikin Geger! {h}", "Ternyata Ini Penyebab {h}?",
                   "Warganet Terkejut, {h}", "Wow! {h}"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

FACTS = [
    "{lead} sejak {d} pagi, dan warga mulai merasakan dampaknya dalam kegiatan sehari-hari di sekitar lokasi.",
    "Menurut data yang dihimpun petugas, sedikitnya {n} keluarga terdampak dan sebagian sudah mendapat bantuan.",
    "Petugas gabungan diterjunkan ke lokasi untuk mendata kerugian serta memastikan keselamatan warga setempat.",
    "Sejumlah warga memilih mengungsi ke rumah kerabat sambil menunggu keadaan kembali normal dalam beberapa hari.",
    "Pemerintah daerah menyiapkan anggaran darurat sebesar Rp {n} juta untuk penanganan awal di lapangan.",
    "Kondisi serupa pernah terjadi pada tahun lalu, namun kali ini dampaknya dinilai lebih luas dari perkiraan.",
    "Aktivitas di pasar dan sekolah sekitar sempat terganggu selama beberapa jam sebelum berangsur pulih kembali.",
    "Warga berharap pemerintah segera mencari jalan keluar agar kejadian yang sama tidak terulang lagi tahun depan.",
    "Hingga {d} sore, petugas masih berjaga di lokasi dan mengimbau warga untuk tetap waspada.",
    "Sebanyak {n} personel dikerahkan, termasuk relawan dari organisasi kemasyarakatan dan mahasiswa setempat.",
]
NAMED = [
    "\"Kami sudah menurunkan tim sejak pagi dan akan terus memantau perkembangan di lapangan,\" kata {r} kepada wartawan, {d} ({n}/7/2025).",
    "{r} mengatakan pihaknya telah berkoordinasi dengan instansi terkait untuk mempercepat penanganan.",
    "Menurut {r} jumlah warga yang terdampak masih bisa bertambah karena pendataan belum selesai.",
    "\"Kami minta warga tidak panik dan mengikuti arahan petugas di lapangan,\" ujar {r} saat dihubungi.",
    "{r} menjelaskan anggaran tambahan akan diajukan dalam rapat bersama dewan pekan depan.",
]
HEDGED = [
    "Kejadian itu dikabarkan sudah berlangsung sejak beberapa hari sebelumnya tanpa ada penanganan.",
    "Penyebabnya diduga karena saluran air yang tersumbat sampah dan tidak pernah dibersihkan.",
    "Konon, warga sudah beberapa kali melapor namun belum mendapat tanggapan dari pihak berwenang.",
    "Kabarnya, sejumlah pejabat akan meninjau lokasi dalam waktu dekat.",
]
ANONYMOUS = [
    "Menurut sumber yang enggan disebutkan namanya, masalah itu sudah lama dibahas di internal pemerintah daerah.",
    "Seorang pejabat yang tidak mau disebut namanya menyebut ada keterlambatan pencairan anggaran.",
]
SOCIAL = [
    "Video kejadian itu viral di media sosial dan ramai dibagikan warganet sejak {d} malam.",
    "Dalam unggahan akun Instagram @info{cl}terkini, tampak warga berusaha menyelamatkan barang-barang mereka.",
]
RELAYED = [
    "Dilansir dari {o}, kejadian tersebut merupakan yang terparah dalam lima tahun terakhir.",
    "Seperti dikutip dari {o}, warga sudah mengajukan keluhan sejak awal tahun.",
]
UNVERIFIED = [
    "Namun, jumlah korban yang beredar di media sosial belum dapat dipastikan kebenarannya.",
    "Keaslian foto yang beredar itu belum diverifikasi oleh pihak berwenang.",
]
FURNITURE = ["Baca juga: {h2}", "Editor: {p2}", "ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT"]


def articles(n: int, seed: int = 0):
    """Yield ``n`` articles ``{"id", "title", "text"}`` (about 250 words each), deterministic in ``seed``."""
    rng = random.Random(seed)
    for i in range(n):
        c = rng.choice(CITIES)
        topic, head, lead = rng.choice(TOPICS)
        head = head.format(c=c)
        sensational = rng.random() < 0.35
        title = rng.choice(CLICKBAIT_HEADS).format(h=head) if sensational else head
        fill = {"c": c, "cl": c.lower(), "lead": lead.format(c=c), "d": rng.choice(DAYS), "o": rng.choice(OUTLETS).format(c=c)}

        def say(template):
            return template.format(r=rng.choice(ROLES).format(c=c, p=rng.choice(PEOPLE)), n=rng.randint(2, 300),
                                   h2=rng.choice(TOPICS)[1].format(c=rng.choice(CITIES)), p2=rng.choice(PEOPLE), **fill)

        # Well-sourced articles lean on named sources; sensational ones on hedges and social media.
        pools = [(FACTS, 5), (NAMED, 1 if sensational else 4), (HEDGED, 3 if sensational else 1),
                 (ANONYMOUS, 1 if sensational else 0), (SOCIAL, 2 if sensational else 0),
                 (RELAYED, 1), (UNVERIFIED, 1 if sensational else 0)]
        weights = [w for _, w in pools]
        body = [f"{c.upper()} - " + say(FACTS[0])]
        while sum(len(s.split()) for s in body) < rng.randint(200, 290):
            pool = rng.choices([p for p, _ in pools], weights)[0]
            body.append(say(rng.choice(pool)))
            if rng.random() < 0.05:
                body.append(say(rng.choice(FURNITURE)))
        yield {"id": f"gen-{seed}-{i}", "title": title, "text": f"{rng.choice(DAYS)}, {rng.randint(1, 28)} Juli 2025\n" + "\n".join(body)}
